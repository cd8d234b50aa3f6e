package io.keygate.keys.internal;

import io.keygate.platform.api.Base62;

/**
 * The public host in a key value: a DNS name ({@code enroll.example.com}), an IPv4 literal
 * ({@code 203.0.113.10}) or a bracketed IPv6 literal ({@code [2001:db8::1]}), each optionally followed
 * by {@code :port} (1–65535). No trailing dot, no zone id, no IPv6 without brackets.
 */
public final class HostSyntax {

    /** 253 for the longest DNS name plus 6 for {@code :65535}. */
    public static final int MAX_LENGTH = 259;

    private HostSyntax() {
    }

    /** What is wrong with {@code host}, or {@code null} if it is valid; fit to follow the word "host". */
    public static String problem(String host) {
        if (host == null || host.isEmpty()) {
            return "is empty";
        }
        if (host.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        String name;
        String port = null;
        if (host.charAt(0) == '[') {
            int close = host.indexOf(']');
            if (close < 0) {
                return "has no closing ] after its IPv6 literal";
            }
            name = host.substring(1, close);
            String rest = host.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    return "has characters after its IPv6 literal that are not :port";
                }
                port = rest.substring(1);
            }
            if (!isIpv6(name)) {
                return "is not a valid IPv6 literal";
            }
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0 && host.indexOf(':', colon + 1) >= 0) {
                return "looks like an IPv6 literal without brackets (write [address] or [address]:port)";
            }
            name = colon < 0 ? host : host.substring(0, colon);
            port = colon < 0 ? null : host.substring(colon + 1);
            if (looksNumeric(name) ? !isIpv4(name) : !isDnsName(name)) {
                return "is not a DNS name or an IP address";
            }
        }
        if (port != null && !isPort(port)) {
            return "has a port that is not a number from 1 to 65535";
        }
        return null;
    }

    static boolean isDnsName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!isLabel(label)) {
                return false;
            }
        }
        // RFC 3696 §2: a top-level label is never all digits, so "203.0.113.300" is no name either
        return !onlyDecimalDigits(labels[labels.length - 1]);
    }

    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > 63 || label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(Base62.isDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !onlyDecimalDigits(octet)
                    || (octet.length() > 1 && octet.charAt(0) == '0') || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        if (gap < 0) {
            return groups(text, true) == 8;
        }
        String head = text.substring(0, gap);
        String tail = text.substring(gap + 2);
        int headGroups = head.isEmpty() ? 0 : groups(head, false);
        int tailGroups = tail.isEmpty() ? 0 : groups(tail, true);
        return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
    }

    /** How many 16-bit groups {@code part} holds (an IPv4 tail counts 2), or -1 if it is not hex groups. */
    private static int groups(String part, boolean mayEndWithIpv4) {
        String[] groups = part.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (mayEndWithIpv4 && i == groups.length - 1 && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) {
                    return -1;
                }
                count += 2;
            } else if (isHexGroup(group)) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }

    private static boolean isHexGroup(String group) {
        if (group.isEmpty() || group.length() > 4) {
            return false;
        }
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String port) {
        return !port.isEmpty() && port.length() <= 5 && onlyDecimalDigits(port) && port.charAt(0) != '0'
                && Integer.parseInt(port) <= 65_535;
    }

    private static boolean looksNumeric(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyDecimalDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
