package org.alidade.publisher.amqp.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS towards the broker, with oslo's option names: {@code ssl_ca_file} (PEM certificates to
 * trust; empty trusts the JVM's), {@code ssl_cert_file} and {@code ssl_key_file} (PEM client
 * certificate chain and unencrypted PKCS#8 key, for brokers that ask for one), and whether the
 * broker's host name must match its certificate.
 */
public record TlsSettings(String caFile, String certFile, String keyFile, boolean verifyHostname) {

    /** Builds the context; a bad file fails here with its name, not at the first connect. */
    public SSLContext context() throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (blank(caFile)) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(caFile, "ssl_ca_file")) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            tmf.init(trust);
        }
        KeyManagerFactory kmf = null;
        if (!blank(certFile) || !blank(keyFile)) {
            if (blank(certFile) || blank(keyFile)) {
                throw new GeneralSecurityException("ssl_cert_file and ssl_key_file go together: set both or neither");
            }
            List<Certificate> chain = certificates(certFile, "ssl_cert_file");
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", privateKey(keyFile), new char[0], chain.toArray(new Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<Certificate> certificates(String file, String option) throws IOException,
            GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException(option + " " + file + " holds no PEM certificate");
            }
            return new ArrayList<>(certs);
        }
    }

    private static PrivateKey privateKey(String file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(Path.of(file));
        int b = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int e = pem.indexOf("-----END PRIVATE KEY-----");
        if (b < 0 || e < 0) {
            throw new GeneralSecurityException("ssl_key_file " + file + " must be an unencrypted PKCS#8 PEM key "
                    + "(BEGIN PRIVATE KEY); convert with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(b + 27, e));
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException ex) {
                last = ex;
            }
        }
        throw new GeneralSecurityException("ssl_key_file " + file + ": not an RSA, EC or Ed25519 key", last);
    }
}
