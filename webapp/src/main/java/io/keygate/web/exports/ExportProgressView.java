package io.keygate.web.exports;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.PrimeFaces;

/**
 * The export progress dialog every table page includes (X3): polled while a large export runs, it tells the page
 * how many rows are written and whether the export still runs; Cancel stops it.
 */
@Named
@RequestScoped
public class ExportProgressView {

    @Inject
    TableExports exports;

    public void refresh() {
        PrimeFaces.current().ajax().addCallbackParam("exportRunning", exports.running().isPresent());
        PrimeFaces.current().ajax().addCallbackParam("exportRows", exports.running().map(ExportRuns.Run::rows).orElse(0L));
    }

    public void cancel() {
        exports.cancel();
        PrimeFaces.current().ajax().addCallbackParam("exportRunning", false);
        PrimeFaces.current().ajax().addCallbackParam("exportCancelled", true);
    }
}
