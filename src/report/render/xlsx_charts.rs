//! Native Excel charts beside the tables they draw, referring to the sheet's own cells, so a
//! user who edits a number sees the chart follow: the needs as bars, a split table as a bar
//! per group and need, each scale question as 100 % stacked bars per group, the change between
//! rounds as organisations moved down, same and up per question.

use rust_xlsxwriter::{Chart, ChartAxisCrossing, ChartLegendPosition, ChartType, Worksheet};

use crate::report::Error;
use crate::report::format;
use crate::report::table::{Kind, Table, Value};

/// Chart size in pixels; bar charts grow with their bars.
const WIDTH: u32 = 640;
const MIN_HEIGHT: u32 = 320;
const MAX_HEIGHT: u32 = 1600;

/// Where a table landed on its sheet.
pub struct Layout<'a> {
    pub sheet: &'a str,
    /// The sheet column of each table column (a count-with-share column takes two: the
    /// count here, the share in the next).
    pub columns: Vec<u16>,
    /// The first column right of the table.
    pub right: u16,
    /// The sheet row of each table row, or `None` when some row took several sheet rows
    /// (text beyond Excel's cell limit), so that ranges would not line up.
    pub rows: Option<Vec<u32>>,
}

/// Adds the chart of `table`, if it has one, to the right of it.
pub fn add(sheet: &mut Worksheet, table: &Table, layout: &Layout) -> Result<(), Error> {
    let Some(rows) = &layout.rows else {
        return Ok(());
    };
    if rows.is_empty() {
        return Ok(());
    }
    match table.id {
        "codes" => needs(sheet, table, layout, rows),
        "groups" => groups(sheet, table, layout, rows),
        "scales" => scales(sheet, table, layout, rows),
        "changes" => changes(sheet, table, layout, rows),
        _ => Ok(()),
    }
}

fn bar_chart(kind: ChartType, title: &str, bars: usize) -> Chart {
    let mut chart = Chart::new(kind);
    chart.title().set_name(title);
    // Needs read top to bottom in table order, the value axis stays at the bottom.
    chart
        .y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max);
    let height = (90 + 18 * bars as u32).clamp(MIN_HEIGHT, MAX_HEIGHT);
    chart.set_width(WIDTH).set_height(height);
    chart
}

fn needs(sheet: &mut Worksheet, table: &Table, layout: &Layout, rows: &[u32]) -> Result<(), Error> {
    let Some(share) = table.columns.iter().position(|c| c.kind == Kind::Share) else {
        return Ok(());
    };
    let (first, last) = (rows[0], rows[rows.len() - 1]);
    let mut chart = bar_chart(ChartType::Bar, &table.columns[share].heading, rows.len());
    chart
        .add_series()
        .set_categories((
            layout.sheet,
            first,
            layout.columns[0],
            last,
            layout.columns[0],
        ))
        .set_values((
            layout.sheet,
            first,
            layout.columns[share],
            last,
            layout.columns[share],
        ));
    chart.legend().set_hidden();
    percent_axis(&mut chart);
    sheet.insert_chart(0, layout.right + 1, &chart)?;
    Ok(())
}

/// Shares on the value axis, 0 to 100 %.
fn percent_axis(chart: &mut Chart) {
    chart
        .x_axis()
        .set_num_format(format::XLSX_SHARE)
        .set_min(0.0)
        .set_max(1.0);
}

fn groups(
    sheet: &mut Worksheet,
    table: &Table,
    layout: &Layout,
    rows: &[u32],
) -> Result<(), Error> {
    let (first, last) = (rows[0], rows[rows.len() - 1]);
    // Every group's share; the first count-with-share column is everyone, which the needs
    // sheet already draws.
    let groups: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == Kind::CountShare)
        .map(|(i, _)| i)
        .skip(1)
        .collect();
    if groups.is_empty() {
        return Ok(());
    }
    let mut chart = bar_chart(ChartType::Bar, &table.title, rows.len() * groups.len());
    for &g in &groups {
        let share = layout.columns[g] + 1;
        chart
            .add_series()
            .set_name((layout.sheet, 0, layout.columns[g]))
            .set_categories((
                layout.sheet,
                first,
                layout.columns[0],
                last,
                layout.columns[0],
            ))
            .set_values((layout.sheet, first, share, last, share));
    }
    chart.legend().set_position(ChartLegendPosition::Top);
    percent_axis(&mut chart);
    sheet.insert_chart(0, layout.right + 1, &chart)?;
    Ok(())
}

/// One 100 % stacked bar chart per question: a bar per group (or one for everyone), a
/// segment per scale value.
fn scales(
    sheet: &mut Worksheet,
    table: &Table,
    layout: &Layout,
    rows: &[u32],
) -> Result<(), Error> {
    let grouped = table.columns.get(1).is_some_and(|c| c.kind == Kind::Text);
    let label = if grouped { 1 } else { 0 };
    let values: Vec<usize> = (label + 1..table.columns.len())
        .take_while(|&i| table.columns[i].heading.parse::<u32>().is_ok())
        .collect();
    if values.is_empty() {
        return Ok(());
    }
    // Runs of rows that belong to one question.
    let question = |row: &Vec<Value>| match row.first() {
        Some(Value::Text(t)) => t.clone(),
        _ => String::new(),
    };
    let mut start = 0;
    let mut placed = 0u32;
    while start < table.rows.len() {
        let text = question(&table.rows[start]);
        let end = (start..table.rows.len())
            .find(|&i| question(&table.rows[i]) != text)
            .unwrap_or(table.rows.len());
        let (first, last) = (rows[start], rows[end - 1]);
        let mut chart = bar_chart(ChartType::BarPercentStacked, &text, end - start);
        for &v in &values {
            let column = layout.columns[v];
            chart
                .add_series()
                .set_name((layout.sheet, 0, column))
                .set_categories((
                    layout.sheet,
                    first,
                    layout.columns[label],
                    last,
                    layout.columns[label],
                ))
                .set_values((layout.sheet, first, column, last, column));
        }
        chart.legend().set_position(ChartLegendPosition::Top);
        let height = (90 + 18 * (end - start) as u32).clamp(MIN_HEIGHT, MAX_HEIGHT);
        sheet.insert_chart(placed, layout.right + 1, &chart)?;
        // Charts stack down the sheet; a default row is 20 pixels high.
        placed += height / 20 + 1;
        start = end;
    }
    Ok(())
}

/// Organisations that moved down, stayed and moved up, stacked, one bar per question and pair
/// of rounds: the columns after the three text columns and the count of organisations in both.
fn changes(
    sheet: &mut Worksheet,
    table: &Table,
    layout: &Layout,
    rows: &[u32],
) -> Result<(), Error> {
    const UP: usize = 4;
    const SAME: usize = 5;
    const DOWN: usize = 6;
    if table.columns.len() <= DOWN {
        return Ok(());
    }
    let (first, last) = (rows[0], rows[rows.len() - 1]);
    let mut chart = bar_chart(ChartType::BarStacked, &table.title, rows.len());
    for column in [DOWN, SAME, UP] {
        let at = layout.columns[column];
        chart
            .add_series()
            .set_name((layout.sheet, 0, at))
            .set_categories((
                layout.sheet,
                first,
                layout.columns[0],
                last,
                layout.columns[0],
            ))
            .set_values((layout.sheet, first, at, last, at));
    }
    chart.legend().set_position(ChartLegendPosition::Top);
    sheet.insert_chart(0, layout.right + 1, &chart)?;
    Ok(())
}
