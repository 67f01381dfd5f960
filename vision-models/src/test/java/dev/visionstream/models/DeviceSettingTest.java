package dev.visionstream.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceSettingTest {
    @Test
    void theFourFormsParseAndPrintBack() {
        for (String s : new String[] {"auto", "cpu", "gpu", "gpu:0", "gpu:3"}) {
            assertEquals(s, DeviceSetting.parse(s).toString());
        }
        assertEquals(DeviceSetting.GPU, DeviceSetting.parse(" GPU "));
        assertEquals(2, DeviceSetting.parse("gpu:2").index());
        assertTrue(DeviceSetting.parse("gpu:1").wantsGpu());
        assertFalse(DeviceSetting.parse("auto").wantsGpu());
    }

    @Test
    void anythingElseIsRefusedWithTheFormsThatWork() {
        for (String s : new String[] {"gpu:x", "tpu", "", "gpu:", "gpu:-1", "cuda", "gpu:1:2", "gpu:99999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSetting.parse(s));
            assertTrue(e.getMessage().contains("'" + s + "' is not a device: expected auto, cpu, gpu or gpu:N"),
                    e.getMessage());
        }
    }

    @Test
    void autoTakesTheFirstGpuWhenThereIsOneElseTheCpu() {
        assertEquals(Device.cpu(), DeviceSetting.AUTO.resolve(0, "2.7.1"));
        assertEquals(Device.gpu(0), DeviceSetting.AUTO.resolve(2, "2.7.1"));
        assertEquals(Device.cpu(), DeviceSetting.CPU.resolve(2, "2.7.1"));
        assertEquals(Device.gpu(1), DeviceSetting.parse("gpu:1").resolve(2, "2.7.1"));
    }

    @Test
    void anExplicitGpuNeverFallsBackToTheCpu() {
        DeviceUnavailableException none = assertThrows(DeviceUnavailableException.class,
                () -> DeviceSetting.GPU.resolve(0, "2.7.1"));
        assertTrue(none.getMessage().startsWith("gpu: PyTorch 2.7.1 sees no GPU"), none.getMessage());
        DeviceUnavailableException missing = assertThrows(DeviceUnavailableException.class,
                () -> DeviceSetting.parse("gpu:2").resolve(2, "2.7.1"));
        assertTrue(missing.getMessage().contains("numbered from 0 to 1"), missing.getMessage());
    }

    @Test
    void resultsNameDevicesPlainly() {
        assertEquals("cpu", DeviceSetting.label(Device.cpu()));
        assertEquals("gpu:1", DeviceSetting.label(Device.gpu(1)));
    }
}
