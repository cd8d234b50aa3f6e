package io.keygate.web.audit;

import io.keygate.audit.api.AuditEventFilter;
import io.keygate.audit.api.Outcome;
import io.keygate.web.tables.FilterDraft;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The chips of the Audit Log's filter bar (T2): time range (UTC, to the second), actions, outcome, actor, resource type and name. */
public class AuditFilterForm implements FilterDraft {

    private static final long serialVersionUID = 1L;

    private LocalDateTime occurredFrom;
    private LocalDateTime occurredTo;
    private List<String> actions = new ArrayList<>();
    private String outcome = "";
    private String actor;
    private List<String> resourceTypes = new ArrayList<>();
    private String resourceName;
    private String search;

    static AuditFilterForm of(Map<String, List<String>> criteria) {
        AuditEventFilter filter = AuditEventFilter.parse(criteria, Set.of());
        AuditFilterForm form = new AuditFilterForm();
        form.occurredFrom = local(filter.occurredFrom());
        form.occurredTo = local(filter.occurredTo());
        form.actions = new ArrayList<>(filter.actions().stream().sorted().toList());
        form.outcome = filter.outcomes().size() == 1 ? filter.outcomes().iterator().next().name() : "";
        form.actor = filter.actor();
        form.resourceTypes = new ArrayList<>(filter.resourceTypes().stream().sorted().toList());
        form.resourceName = filter.resourceName();
        form.search = filter.search();
        return form;
    }

    @Override
    public Map<String, List<String>> toCriteria() {
        Set<Outcome> outcomes = outcome == null || outcome.isEmpty() ? Set.of() : Set.of(Outcome.valueOf(outcome));
        return new AuditEventFilter(new LinkedHashSet<>(actions), outcomes, blankToNull(actor), new LinkedHashSet<>(resourceTypes),
                blankToNull(resourceName), utc(occurredFrom), utc(occurredTo), blankToNull(search)).toParameters();
    }

    private static LocalDateTime local(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    private static Instant utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public LocalDateTime getOccurredFrom() {
        return occurredFrom;
    }

    public void setOccurredFrom(LocalDateTime occurredFrom) {
        this.occurredFrom = occurredFrom;
    }

    public LocalDateTime getOccurredTo() {
        return occurredTo;
    }

    public void setOccurredTo(LocalDateTime occurredTo) {
        this.occurredTo = occurredTo;
    }

    public List<String> getActions() {
        return actions;
    }

    public void setActions(List<String> actions) {
        this.actions = actions == null ? new ArrayList<>() : actions;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public List<String> getResourceTypes() {
        return resourceTypes;
    }

    public void setResourceTypes(List<String> resourceTypes) {
        this.resourceTypes = resourceTypes == null ? new ArrayList<>() : resourceTypes;
    }

    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }
}
