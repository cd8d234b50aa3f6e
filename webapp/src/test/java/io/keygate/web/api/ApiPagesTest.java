package io.keygate.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.ParameterizedType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each list's page schema in the OpenAPI document has PageBody's fields, in order and type; only the item type is named. */
class ApiPagesTest {

    @Test
    void everyPageRecordIsPageBodyWithItsItemType() {
        List<String> pageBody = shape(PageBody.class);
        Class<?>[] pages = ApiPages.class.getDeclaredClasses();
        assertEquals(9, pages.length, "one per list of the API");
        for (Class<?> page : pages) {
            assertEquals(pageBody, shape(page), page.getSimpleName());
            ParameterizedType list = (ParameterizedType) page.getRecordComponents()[0].getGenericType();
            assertEquals(page.getSimpleName().replace("Page", ""), ((Class<?>) list.getActualTypeArguments()[0]).getSimpleName()
                    .replace("Summary", ""), "the page is named after its item");
        }
    }

    private static List<String> shape(Class<?> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(component -> component.getName() + ":" + component.getType().getName()).toList();
    }
}
