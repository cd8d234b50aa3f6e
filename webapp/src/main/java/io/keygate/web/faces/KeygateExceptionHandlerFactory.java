package io.keygate.web.faces;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;

/** Hands out {@link RefusalLoggingExceptionHandler}s, which are PrimeFaces' handler with a quieter log. */
public class KeygateExceptionHandlerFactory extends ExceptionHandlerFactory {

    public KeygateExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new RefusalLoggingExceptionHandler(getWrapped().getExceptionHandler());
    }
}
