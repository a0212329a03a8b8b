package org.alidade.discovery.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.alidade.discovery.keystone.KeystoneSession;
import org.alidade.discovery.keystone.OpenStackException;
import org.alidade.discovery.testing.FakeOpenStack;
import org.alidade.discovery.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cafile} and {@code insecure} options against Keystone over HTTPS on 127.0.0.1, with a
 * self-signed certificate made at test time by the JDK's {@code keytool}.
 */
class KeystoneTlsTest {

    private static final char[] STORE_PASSWORD = "changeit-tls-test".toCharArray();

    @TempDir
    static Path dir;
    private static Path pem;
    private static SSLContext serverTls;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private FakeOpenStack fake;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path p12 = dir.resolve("keystone.p12");
        pem = dir.resolve("keystone-ca.pem");
        keytool("-genkeypair", "-alias", "keystone", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost, O=Alidade test", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", new String(STORE_PASSWORD),
                "-keypass", new String(STORE_PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", "keystone", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", new String(STORE_PASSWORD), "-file", pem.toString());
        assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----"), Files.readString(pem));

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, STORE_PASSWORD);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "keytool " + args[0] + " failed: " + output);
    }

    @BeforeEach
    void start() throws Exception {
        fake = FakeOpenStack.startHttps(clock, serverTls);
        fake.json("/image/v2/images", "{\"images\":[]}");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Map<String, Object> config() {
        Map<String, Object> config = TestSessions.config(fake);
        assertTrue(fake.authUrl().startsWith("https://127.0.0.1:"), fake.authUrl());
        return config;
    }

    @Test
    void cafileOfTheServersCertificateAuthenticatesAndFindsEndpoints() throws Exception {
        Map<String, Object> config = config();
        config.put("cafile", pem.toString());
        KeystoneSession session = TestSessions.session(config, clock);

        assertEquals(fake.endpoint("image"), session.endpointUrl("image"));
        assertTrue(session.endpointUrl("image").startsWith("https://127.0.0.1:"));
        assertEquals(FakeOpenStack.PROJECT_ID, session.projectId());
        assertEquals(200, session.get(URI.create(fake.endpoint("image") + "/v2/images"), Map.of()).status());
        assertEquals(1, fake.tokensIssued());
    }

    @Test
    void withoutCafileTheSelfSignedServerIsNotTrustedAndTheMessageNamesCafile() {
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        OpenStackException e;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            KeystoneSession session = TestSessions.session(config(), clock);
            e = assertThrows(OpenStackException.class, () -> session.endpoints("image"));
        } finally {
            System.setErr(err);
        }
        String m = e.getMessage();
        assertTrue(m.startsWith("POST " + fake.authUrl() + "/v3/auth/tokens failed: TLS: "), m);
        assertTrue(m.contains("server certificate is not trusted"), m);
        assertTrue(m.contains("cafile is not set"), m);
        assertTrue(m.contains("set cafile of PID org.alidade.openstack"), m);
        assertFalse(m.contains(FakeOpenStack.PASSWORD), m);
        assertEquals(0, fake.tokensIssued(), "no password was sent to an untrusted server");
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains(FakeOpenStack.PASSWORD));
    }

    @Test
    void cafileOfAnotherCaIsNotTrustedEither() throws Exception {
        Path other = dir.resolve("other.p12");
        Path otherPem = dir.resolve("other-ca.pem");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=other", "-storetype", "PKCS12", "-keystore", other.toString(),
                "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", "other", "-storetype", "PKCS12", "-keystore", other.toString(),
                "-storepass", new String(STORE_PASSWORD), "-file", otherPem.toString());
        Map<String, Object> config = config();
        config.put("cafile", otherPem.toString());
        OpenStackException e = assertThrows(OpenStackException.class,
                () -> TestSessions.session(config, clock).endpoints("image"));
        assertTrue(e.getMessage().contains("server certificate is not trusted"), e.getMessage());
        assertTrue(e.getMessage().contains("cafile is " + otherPem), e.getMessage());
        assertEquals(0, fake.tokensIssued());
    }

    @Test
    void insecureWorksWithoutCafile() throws Exception {
        Map<String, Object> config = config();
        config.put("insecure", true);
        KeystoneSession session = TestSessions.session(config, clock);

        assertEquals(fake.endpoint("image"), session.endpointUrl("image"));
        assertEquals(200, session.get(URI.create(fake.endpoint("image") + "/v2/images"), Map.of()).status());
        assertEquals(1, fake.tokensIssued());
    }

    @Test
    void missingCafileIsAConfigurationErrorNamingCafile() {
        Map<String, Object> config = config();
        Path missing = dir.resolve("no-such-ca.pem");
        config.put("cafile", missing.toString());
        OpenStackException e = assertThrows(OpenStackException.class,
                () -> TestSessions.session(config, clock).endpoints("image"));
        assertEquals("org.alidade.openstack: cafile " + missing + " does not exist (cafile must be a PEM file of "
                + "the CA certificates to trust for https)", e.getMessage());
        assertEquals(0, fake.tokensIssued());
    }

    @Test
    void cafileThatIsNotPemIsAConfigurationErrorNamingCafile() throws Exception {
        Path notPem = dir.resolve("not-a-certificate.pem");
        Files.writeString(notPem, "this is not a certificate\n");
        Map<String, Object> config = config();
        config.put("cafile", notPem.toString());
        OpenStackException e = assertThrows(OpenStackException.class,
                () -> TestSessions.session(config, clock).endpoints("image"));
        String m = e.getMessage();
        assertTrue(m.startsWith("org.alidade.openstack: cafile " + notPem + " "), m);
        assertTrue(m.contains("-----BEGIN CERTIFICATE-----"), m);
        assertEquals(0, fake.tokensIssued());

        Path p12 = dir.resolve("keystone.p12"); // a key store, not PEM
        config.put("cafile", p12.toString());
        OpenStackException binary = assertThrows(OpenStackException.class,
                () -> TestSessions.session(config, clock).endpoints("image"));
        assertTrue(binary.getMessage().startsWith("org.alidade.openstack: cafile " + p12 + " "), binary.getMessage());
        assertTrue(binary.getMessage().contains("PEM"), binary.getMessage());

        config.put("cafile", dir.toString()); // a directory
        OpenStackException directory = assertThrows(OpenStackException.class,
                () -> TestSessions.session(config, clock).endpoints("image"));
        assertTrue(directory.getMessage().startsWith("org.alidade.openstack: cafile " + dir + " is not a readable file"),
                directory.getMessage());
    }
}
