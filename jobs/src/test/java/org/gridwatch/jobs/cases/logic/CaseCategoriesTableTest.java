package org.gridwatch.jobs.cases.logic;

import org.gridwatch.common.cases.CategoryTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake lists the categories from common's table; the case job decides with CaseCategories:
 * they must agree.
 */
class CaseCategoriesTableTest {
    @Test
    void shouldListExactlyTheCategoriesOfTheCaseJob() {
        List<CategoryTable.Row> fromJob =
                CaseCategories.all().values().stream()
                        .map(
                                c ->
                                        new CategoryTable.Row(
                                                c.code(),
                                                c.classZh(),
                                                c.classEn(),
                                                c.nameZh(),
                                                c.nameEn(),
                                                c.defaultLimitMinutes()))
                        .sorted(java.util.Comparator.comparing(CategoryTable.Row::code))
                        .toList();
        List<CategoryTable.Row> table =
                CategoryTable.rows().stream()
                        .sorted(java.util.Comparator.comparing(CategoryTable.Row::code))
                        .toList();
        assertThat(table).isNotEmpty().isEqualTo(fromJob);
    }
}
