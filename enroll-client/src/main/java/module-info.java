/** keygate-enroll: generates a machine's key pair and request, enrolls with a provisioning key, writes what it got. */
module io.keygate.enroll {
    requires java.net.http;
}
