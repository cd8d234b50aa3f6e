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
