package io.keygate.platform.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The optional source-address allow-list of a key or an API token: IPv4 and IPv6 CIDRs, each checked with its own message. */
public final class IpAllowList {

    public static final String FIELD = "ipAllowList";
    public static final int MAX_ENTRIES = 100;
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAllowList() {
    }

    /** The CIDRs in canonical text (address as written, prefix added: {@code 198.51.100.1} becomes {@code 198.51.100.1/32}). */
    public static List<String> validate(List<String> entries) {
        if (entries == null) {
            return List.of();
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidInputException("ip_allow_list_too_long", FIELD, "The IP allow-list holds at most " + MAX_ENTRIES + " entries.");
        }
        LinkedHashSet<String> cidrs = new LinkedHashSet<>();
        for (String entry : entries) {
            cidrs.add(cidr(entry == null ? "" : entry.trim()));
        }
        return new ArrayList<>(cidrs);
    }

    public static String stored(List<String> cidrs) {
        return String.join(",", cidrs);
    }

    public static List<String> parsed(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }

    /** Whether a source address falls in one of the stored CIDRs; an empty list admits every address. */
    public static boolean permits(String stored, String sourceAddress) {
        List<String> cidrs = parsed(stored);
        return cidrs.isEmpty() || IpRanges.contains(cidrs, sourceAddress);
    }

    private static String cidr(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !(address.contains(":") && IPV6.matcher(address).matches())) {
            throw invalid(entry, "is not an IPv4 or IPv6 address");
        }
        if (v4 && !octetsInRange(address)) {
            throw invalid(entry, "has an IPv4 part above 255");
        }
        try {
            InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw invalid(entry, "is not a valid " + (v4 ? "IPv4" : "IPv6") + " address");
        }
        int maxPrefix = v4 ? 32 : 128;
        if (slash < 0) {
            return address + "/" + maxPrefix;
        }
        String prefix = entry.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > maxPrefix) {
            throw invalid(entry, "needs a prefix length from 0 to " + maxPrefix);
        }
        return address + "/" + Integer.parseInt(prefix);
    }

    private static boolean octetsInRange(String address) {
        for (String octet : address.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static InvalidInputException invalid(String entry, String problem) {
        return new InvalidInputException("ip_allow_list_invalid", FIELD, "The IP allow-list entry '" + entry + "' " + problem + ".");
    }
}
