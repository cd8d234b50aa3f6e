package io.keygate.platform.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Whether an address falls in CIDR ranges ({@code 203.0.113.0/24}, {@code 2001:db8::/32}). Addresses come from
 * connections and proxy headers, so only numeric ones are read: nothing is ever looked up in DNS.
 */
public final class IpRanges {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpRanges() {
    }

    /** True when {@code address} is in one of {@code cidrs} (a CIDR without a prefix is one address); false for anything unreadable. */
    public static boolean contains(Collection<String> cidrs, String address) {
        byte[] source = numeric(address);
        if (source == null) {
            return false;
        }
        for (String cidr : cidrs) {
            int slash = cidr.indexOf('/');
            byte[] network = numeric(slash < 0 ? cidr : cidr.substring(0, slash));
            if (network == null || network.length != source.length) {
                continue;
            }
            int prefix;
            try {
                prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            if (prefix >= 0 && prefix <= network.length * 8 && samePrefix(network, source, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The address's bytes (an IPv4-mapped IPv6 address as its IPv4 address), or null when it is not a numeric address. */
    public static byte[] numeric(String address) {
        if (address == null) {
            return null;
        }
        String text = address.trim();
        boolean v4 = IPV4.matcher(text).matches();
        if (!(v4 && octetsInRange(text) || text.contains(":") && IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            return bytes.length == 16 && isV4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean octetsInRange(String address) {
        for (String octet : address.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isV4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static boolean samePrefix(byte[] network, byte[] address, int prefix) {
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
