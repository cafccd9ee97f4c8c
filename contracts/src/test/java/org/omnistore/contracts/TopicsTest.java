package org.omnistore.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.omnistore.contracts.Topic.Channel;
import org.omnistore.contracts.Topic.DeviceKind;

class TopicsTest {

    @Test
    void buildsAndParsesPosTopics() {
        Topic cmd = Topics.posCommand("store-1", "till-3");
        assertThat(cmd.path()).isEqualTo("omnistore/store-1/pos/till-3/cmd");
        assertThat(cmd.qos()).isEqualTo(1);
        assertThat(Topics.parse(cmd.path())).isEqualTo(cmd);
        assertThat(Topics.posReply("store-1", "till-3").path()).isEqualTo("omnistore/store-1/pos/till-3/reply");
        assertThat(Topics.status("s1", DeviceKind.CAMERA, "cam-1").path()).isEqualTo("omnistore/s1/camera/cam-1/status");
    }

    @Test
    void filterMatchesEveryDeviceOfAKind() {
        assertThat(Topics.filter("s1", DeviceKind.POS, Channel.CMD)).isEqualTo("omnistore/s1/pos/+/cmd");
    }

    @Test
    void rejectsTopicsOutsideTheScheme() {
        assertThatThrownBy(() -> Topics.parse("omnistore/s1/pos/t1")).hasMessageContaining("not an omnistore");
        assertThatThrownBy(() -> Topics.parse("other/s1/pos/t1/cmd")).hasMessageContaining("not an omnistore");
        assertThatThrownBy(() -> Topics.parse("omnistore/s1/fridge/t1/cmd")).hasMessageContaining("unknown device kind");
        assertThatThrownBy(() -> Topics.parse("omnistore/s1/pos/t1/shout")).hasMessageContaining("unknown channel");
        assertThatThrownBy(() -> Topics.parse("omnistore/s+1/pos/t1/cmd")).hasMessageContaining("storeId");
    }

    @Test
    void idsCannotCarryTopicWildcardsOrSeparators() {
        assertThat(Ids.isValid("till-3_a")).isTrue();
        assertThat(Ids.isValid("a/b")).isFalse();
        assertThat(Ids.isValid("#")).isFalse();
        assertThat(Ids.isValid("")).isFalse();
        assertThat(Ids.isValid("x".repeat(65))).isFalse();
    }
}
