package io.keygate.web.certificates;

import io.keygate.certificates.api.CertificateType;
import io.keygate.certificates.api.CreateSigningCertificate;
import io.keygate.certificates.api.KeyAlgorithm;
import java.io.Serializable;

/** The Add Signing Certificate dialog's fields. */
public class SigningCertificateForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private String description;
    private CertificateType type = CertificateType.INTERMEDIATE;
    private Long parentId;
    private KeyAlgorithm keyAlgorithm = KeyAlgorithm.ECDSA_P256;

    CreateSigningCertificate toRequest() {
        return new CreateSigningCertificate(name, description, type, type == CertificateType.ROOT ? null : parentId, keyAlgorithm);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public CertificateType getType() {
        return type;
    }

    public void setType(CertificateType type) {
        this.type = type;
    }

    public Long getParentId() {
        return parentId;
    }

    public void setParentId(Long parentId) {
        this.parentId = parentId;
    }

    public KeyAlgorithm getKeyAlgorithm() {
        return keyAlgorithm;
    }

    public void setKeyAlgorithm(KeyAlgorithm keyAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
    }
}
