/*
 * Tables (T7): after every ajax answer that reloaded a table, the address bar shows the table's state
 * (filters, search, sort, page, rows), so the view can be bookmarked, refreshed and shared.
 */
(function () {
    $(document).on('pfAjaxComplete', function (event, xhr, settings, args) {
        if (args && typeof args.tableQuery === 'string') {
            var query = args.tableQuery ? '?' + args.tableQuery : '';
            if (window.location.search !== query) {
                window.history.replaceState(null, '', window.location.pathname + query);
            }
        }
    });
}());

/*
 * "Showing 21–40 of 1,234,567" (T1): PrimeFaces writes the paginator's numbers without digit grouping,
 * on the server and again in the browser after each page, so they are grouped here both times.
 */
(function () {
    var grouping = new Intl.NumberFormat('en-US');

    function groupDigits(report) {
        $(report).each(function () {
            var text = $(this).text();
            var grouped = text.replace(/\d{4,}/g, function (digits) {
                return grouping.format(Number(digits));
            });
            if (grouped !== text) {
                $(this).text(grouped);
            }
        });
    }

    if (window.PrimeFaces && PrimeFaces.widget && PrimeFaces.widget.Paginator) {
        var updateUI = PrimeFaces.widget.Paginator.prototype.updateUI;
        PrimeFaces.widget.Paginator.prototype.updateUI = function () {
            updateUI.apply(this, arguments);
            groupDigits(this.currentReport);
        };
    }
    $(function () {
        groupDigits($('.ui-paginator-current'));
    });
    $(document).on('pfAjaxComplete', function () {
        groupDigits($('.ui-paginator-current'));
    });
}());

/*
 * A large export's progress (X3): the file downloads beside the page while a poll asks how many rows are
 * written; the dialog closes when the export ends or is cancelled. The poll may come before the server has
 * begun, so "not running" only ends it once the export was seen running, or after five seconds.
 */
(function () {
    var total = 0;
    var exact = true;
    var seen = false;
    var started = 0;
    var grouping = new Intl.NumberFormat('en-US');

    window.kgExportStarted = function (rows, totalExact) {
        total = rows;
        exact = totalExact;
        seen = false;
        started = Date.now();
        PF('exportBar').setValue(0);
        $('#kg-export-rows').text('');
        PF('exportProgress').show();
        PF('exportPoll').start();
    };

    window.kgExportPolled = function (args) {
        if (!args) {
            return;
        }
        if (args.exportRunning) {
            seen = true;
            var rows = args.exportRows || 0;
            var text = $('#kg-export-rows');
            text.text((exact ? text.data('template') : text.data('bound')).replace('{0}', grouping.format(rows))
                .replace('{1}', grouping.format(total)));
            PF('exportBar').setValue(total > 0 ? Math.min(99, Math.floor(rows * 100 / total)) : 0);
            return;
        }
        if (seen || args.exportCancelled || Date.now() - started > 5000) {
            PF('exportPoll').stop();
            PF('exportProgress').hide();
        }
    };
}());
