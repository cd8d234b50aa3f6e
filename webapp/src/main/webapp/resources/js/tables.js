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
