/** Machine provisioning keys: for now their value format (generation, parsing, checksum, masking). */
module io.keygate.keys {
    exports io.keygate.keys.api;
}
