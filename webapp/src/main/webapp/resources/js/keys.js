/*
 * The Provisioning Keys page in the browser. A key value arrives in the ajax answer that asked for it
 * (args.provisioningKey), is shown or copied from there, and is wiped from the page when its dialog closes.
 * Texts come from the page (#kg-key-texts), so they stay in the resource bundle.
 */
var keygate = window.keygate || {};
keygate.keys = (function () {
    var pendingCheckbox = null;

    function text(name) {
        var texts = document.getElementById('kg-key-texts');
        return texts ? texts.getAttribute('data-' + name) : '';
    }

    function tell(severity, message) {
        var growl = PrimeFaces.widgets['widget_growl'];
        if (growl) {
            growl.renderMessage({summary: message, detail: '', severity: severity});
        }
    }

    /** The clipboard API where the page is a secure context, else the older copy command. */
    function copyToClipboard(value) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(value);
        }
        return new Promise(function (resolve, reject) {
            var area = document.createElement('textarea');
            area.value = value;
            area.setAttribute('readonly', 'readonly');
            area.className = 'kg-offscreen';
            document.body.appendChild(area);
            area.select();
            var copied = document.execCommand('copy');
            area.value = '';
            document.body.removeChild(area);
            if (copied) {
                resolve();
            } else {
                reject();
            }
        });
    }

    function showValue(elementId, value) {
        document.getElementById(elementId).textContent = value;
    }

    /** A file made in the page, so a value already here need not travel again. */
    function saveAsFile(value, fileName) {
        var url = URL.createObjectURL(new Blob([value + '\n'], {type: 'text/plain;charset=utf-8'}));
        var link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        setTimeout(function () {
            URL.revokeObjectURL(url);
        }, 1000);
    }

    function wipe(elementId) {
        var element = document.getElementById(elementId);
        if (element) {
            element.textContent = '';
        }
    }

    return {
        reveal: function (args) {
            if (args && args.provisioningKey) {
                showValue('kg-revealed-value', args.provisioningKey);
                PF('revealDialog').show();
            }
        },

        clearRevealed: function () {
            wipe('kg-revealed-value');
        },

        /** Copy from the table: if the browser refuses, the value is revealed so it can be copied by hand. */
        copy: function (args) {
            if (args && args.provisioningKey) {
                copyToClipboard(args.provisioningKey).then(function () {
                    tell('info', text('copied'));
                }, function () {
                    tell('warn', text('copy-failed'));
                    keygate.keys.reveal(args);
                });
            }
        },

        /** A new key (wizard step 5, or a rotation) in the element with the given id, default kg-created-value. */
        showCreated: function (args, elementId) {
            if (args && args.provisioningKey) {
                showValue(elementId || 'kg-created-value', args.provisioningKey);
            }
        },

        /** Another secret shown once (a new API token) in the element with the given id. */
        showSecret: function (value, elementId) {
            showValue(elementId, value);
        },

        copyCreated: function (elementId) {
            copyToClipboard(document.getElementById(elementId || 'kg-created-value').textContent).then(function () {
                tell('info', text('copied'));
            }, function () {
                tell('warn', text('copy-failed'));
            });
        },

        /** Step 5 has the value already; the file is made here, so the value need not travel again. */
        downloadCreated: function (elementId) {
            var element = document.getElementById(elementId || 'kg-created-value');
            saveAsFile(element.textContent, element.getAttribute('data-file-name'));
        },

        /**
         * The answer to Reveal, Copy or Download in the table: the value to show, copy or save, or (step-up) the
         * request to confirm the password first.
         */
        deliver: function (args) {
            if (!args) {
                return;
            }
            if (args.stepUp) {
                PF('stepUpDialog').show();
            } else if (args.provisioningKey && args.access === 'COPY') {
                keygate.keys.copy(args);
            } else if (args.provisioningKey && args.access === 'DOWNLOAD') {
                saveAsFile(args.provisioningKey, args.fileName);
            } else {
                keygate.keys.reveal(args);
            }
        },

        /** The step-up's answer: with the password confirmed it holds the value asked for; else the dialog stays. */
        afterStepUp: function (args) {
            if (args && args.provisioningKey) {
                PF('stepUpDialog').hide();
                keygate.keys.deliver(args);
            }
        },

        clearCreated: function (elementId) {
            wipe(elementId || 'kg-created-value');
        },

        /** K4: unchecking View/Export asks first; the answer either keeps it off or checks the box again. */
        exportToggled: function (checkboxWidget) {
            if (!PF(checkboxWidget).isChecked()) {
                pendingCheckbox = checkboxWidget;
                PF('exportConfirm').show();
            }
        },

        turnExportOff: function () {
            pendingCheckbox = null;
            PF('exportConfirm').hide();
        },

        keepExportOn: function () {
            if (pendingCheckbox) {
                PF(pendingCheckbox).check();
            }
            pendingCheckbox = null;
            PF('exportConfirm').hide();
        }
    };
}());
