package org.gridwatch.common.reference;

import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.AddressBook.Level;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The address table lookup of issue 19: normalisation rules, the three steps, ambiguity. */
class AddressBookTest {
    private static final Address SHENSONG =
            new Address("A1", "莘松路123弄4号", 31.1101, 121.3840, "31011200100101");
    private static final Address ROOM =
            new Address("A2", "上海市闵行区七莘路88号3幢1-101室", 31.1200, 121.3900, "31011200100102");
    private static final Address ROOM_11 =
            new Address("A3", "上海市闵行区七莘路88号3幢11-01室", 31.1201, 121.3901, "31011200100102");
    private static final Address BLOCK_A = new Address("A4", "闵行区沪闵路5号A座", 31.1300, 121.4000, null);
    private static final Address MARKET =
            new Address("A5", "闵行区莘庄市场路5号", 31.1400, 121.4100, "31011200100103");

    private final AddressBook book =
            new AddressBook(List.of(SHENSONG, ROOM, ROOM_11, BLOCK_A, MARKET));

    @Test
    void shouldNormaliseWidthCaseSpacesAndPunctuationButKeepUnitWords() {
        assertThat(AddressBook.normalise("莘松路１２３弄　４号")).isEqualTo("莘松路123弄4号");
        assertThat(AddressBook.normalise("沪闵路5号ａ座")).isEqualTo("沪闵路5号A座");
        assertThat(AddressBook.normalise(" 莘松路，123弄（4号）。")).isEqualTo("莘松路123弄4号");
        assertThat(AddressBook.normalise("七莘路88号3幢1－101室"))
                .as("a dash between digits stays, as '-'")
                .isEqualTo("七莘路88号3幢1-101室");
        assertThat(AddressBook.normalise("七莘路88号-3幢"))
                .as("a dash elsewhere goes")
                .isEqualTo("七莘路88号3幢");
        assertThat(AddressBook.normalise("一号"))
                .as("Chinese numerals are not digits")
                .isEqualTo("一号");
    }

    @Test
    void shouldDropCountryProvinceCityAndDistrictInOrderLongestFormFirst() {
        assertThat(AddressBook.prefixChain("中国上海市闵行区莘松路123弄4号"))
                .containsExactly(
                        "中国上海市闵行区莘松路123弄4号", "上海市闵行区莘松路123弄4号", "闵行区莘松路123弄4号", "莘松路123弄4号");
        assertThat(AddressBook.prefixChain("浙江省杭州市西湖区文三路1号")).endsWith("文三路1号");
        assertThat(AddressBook.prefixChain("上海市浦东新区世纪大道1号")).endsWith("世纪大道1号");
        assertThat(AddressBook.prefixChain("莘松路123弄4号")).containsExactly("莘松路123弄4号");
    }

    @Test
    void shouldFindExactlyThenNormalisedThenWithoutPrefix() {
        assertThat(book.find("莘松路123弄4号")).isEqualTo(new AddressBook.Match(SHENSONG, Level.EXACT));
        assertThat(book.find("  莘松路123弄4号 "))
                .extracting(AddressBook.Match::level)
                .isEqualTo(Level.EXACT);
        assertThat(book.find("莘松路１２３弄 ４号"))
                .isEqualTo(new AddressBook.Match(SHENSONG, Level.NORMALISED));
        // The complaint has the city and district, the table does not; and the other way round.
        assertThat(book.find("上海市闵行区莘松路123弄4号"))
                .isEqualTo(new AddressBook.Match(SHENSONG, Level.WITHOUT_PREFIX));
        assertThat(book.find("七莘路88号3幢1-101室"))
                .isEqualTo(new AddressBook.Match(ROOM, Level.WITHOUT_PREFIX));
        assertThat(book.find("上海市 闵行区 沪闵路５号Ａ座"))
                .isEqualTo(new AddressBook.Match(BLOCK_A, Level.WITHOUT_PREFIX));
        // 莘庄市场路 looks like 莘庄市 + 场路: the unshortened form still meets the table's.
        assertThat(book.find("莘庄市场路5号"))
                .isEqualTo(new AddressBook.Match(MARKET, Level.WITHOUT_PREFIX));
    }

    @Test
    void shouldNotConfuseRoomsOrNumbersAndSayNotFound() {
        assertThat(book.find("七莘路88号3幢11-01室").address()).isEqualTo(ROOM_11);
        assertThat(book.find("七莘路88号3幢1101室").level()).isEqualTo(Level.NOT_FOUND);
        assertThat(book.find("莘松路123弄5号").level()).isEqualTo(Level.NOT_FOUND);
        assertThat(book.find("莘松路123弄"))
                .as("a lane is not a door")
                .extracting(AddressBook.Match::found)
                .isEqualTo(false);
        assertThat(book.find(null).level()).isEqualTo(Level.NOT_FOUND);
        assertThat(book.find("  ").level()).isEqualTo(Level.NOT_FOUND);
    }

    @Test
    void shouldRefuseToChooseBetweenTwoPlacesButTakeOnePlaceListedTwice() {
        Address minhang = new Address("B1", "闵行区人民路1号", 31.11, 121.38, "31011200100101");
        Address songjiang = new Address("B2", "松江区人民路1号", 31.03, 121.22, "31011700100101");
        Address minhangAgain = new Address("B3", "上海市闵行区人民路1号", 31.11, 121.38, "31011200100101");
        AddressBook b = new AddressBook(List.of(minhang, songjiang, minhangAgain));
        assertThat(b.find("人民路1号").level()).isEqualTo(Level.AMBIGUOUS);
        assertThat(b.find("人民路1号").address()).isNull();
        assertThat(b.find("闵行区人民路1号")).isEqualTo(new AddressBook.Match(minhang, Level.EXACT));
        assertThat(b.find("上海市松江区人民路1号"))
                .isEqualTo(new AddressBook.Match(songjiang, Level.WITHOUT_PREFIX));
    }

    @Test
    void shouldComeThroughTheReferenceTopicAndFollowUpdates() {
        CityReference ref = new CityReference(ZoneId.of("Asia/Shanghai"));
        assertThat(ref.findAddress("莘松路123弄4号").found()).isFalse();
        String payload =
                Json.text(CityCodec.address(SHENSONG)).replace("\"addressId\":\"A1\",", "");
        assertThat(ref.apply(new ReferenceUpdate("ADDRESS", "A1", "UPSERT", 0, payload))).isTrue();
        assertThat(ref.findAddress("上海市闵行区莘松路123弄4号").address()).isEqualTo(SHENSONG);
        ref.apply(new ReferenceUpdate("ADDRESS", "A1", "DELETE", 1, null));
        assertThat(ref.findAddress("莘松路123弄4号").found()).isFalse();
    }
}
