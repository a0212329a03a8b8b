package org.alidade.discovery.openstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS context of {@code cafile} and {@code insecure}. */
final class Tls {

    private Tls() {
    }

    /**
     * The context to use: the JDK default, one trusting only the certificates of {@code cafile},
     * or (insecure) one trusting anything.
     *
     * @throws IllegalArgumentException naming the PID and the file when it cannot be used
     */
    static SSLContext context(Path cafile, boolean insecure) {
        try {
            if (insecure) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
                return ctx;
            }
            if (cafile == null) {
                return SSLContext.getDefault();
            }
            Collection<? extends Certificate> certs = certificates(cafile);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(OpenStackConfig.PID + ": cafile " + cafile + " cannot be used: " + e, e);
        }
    }

    /** The certificates of {@code cafile}; the message of the exception names the PID, cafile and the file. */
    private static Collection<? extends Certificate> certificates(Path cafile) throws IOException {
        String prefix = OpenStackConfig.PID + ": cafile " + cafile;
        if (!Files.exists(cafile)) {
            throw new IllegalArgumentException(prefix + " does not exist (cafile must be a PEM file of the CA "
                    + "certificates to trust for https)");
        }
        if (!Files.isRegularFile(cafile) || !Files.isReadable(cafile)) {
            throw new IllegalArgumentException(prefix + " is not a readable file (cafile must be a PEM file of the "
                    + "CA certificates to trust for https)");
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(cafile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(prefix + " is not a PEM file of certificates (expected one or more "
                    + "-----BEGIN CERTIFICATE----- blocks): " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(prefix + " holds no PEM certificate (expected one or more "
                    + "-----BEGIN CERTIFICATE----- blocks)");
        }
        return certs;
    }

    /**
     * Accepts every chain. Being an {@link X509ExtendedTrustManager}, it also replaces the JDK's
     * host name check (which the JDK performs inside its own extended trust manager), so
     * {@code insecure} means what it means in keystoneauth: no verification at all.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
