package org.alidade.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataFoldersTest {

    @AfterEach
    void clear() {
        System.clearProperty("karaf.data");
    }

    @Test
    void aConfiguredFolderWins() {
        assertEquals(Path.of("/srv/spool"), DataFolders.resolve(" /srv/spool ", null, "amqp-spool"));
    }

    @Test
    void otherwiseTheAgentsDataFolderHoldsIt() {
        assertEquals(Path.of("/opt/alidade/data"), DataFolders.dataFolder("/opt/alidade/data"));
    }

    @Test
    void insideKarafItIsUnderKarafsData() {
        System.setProperty("karaf.data", "/opt/karaf/data");
        assertEquals(Path.of("/opt/karaf/data/alidade"), DataFolders.dataFolder(null));
    }
}
