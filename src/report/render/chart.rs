//! Bar charts as pictures for the Word report: the needs as horizontal bars, a scale question
//! as one stacked bar per group. Text is drawn with a bitmap font of Latin-1 (å, ä, ö, é), so
//! every label is in the picture; the same numbers are in the table beside it and in the
//! picture's alternative text.

use std::convert::Infallible;

use embedded_graphics::mono_font::MonoTextStyle;
use embedded_graphics::mono_font::iso_8859_1::FONT_10X20;
use embedded_graphics::pixelcolor::Rgb888;
use embedded_graphics::prelude::*;
use embedded_graphics::primitives::{PrimitiveStyle, Rectangle};
use embedded_graphics::text::{Alignment, Baseline, Text, TextStyleBuilder};

use super::png;

/// Pictures are drawn at this resolution; the report places them at their natural size.
pub const DPI: u32 = 150;
const WIDTH: u32 = 1000;
const ROW: i32 = 30;
const BAR: u32 = 20;
const PAD: i32 = 12;
/// Width of one character of the label font.
const CHAR: i32 = 10;
/// Longest label drawn, in characters; longer ones end in "…".
const LABEL_CHARS: usize = 38;

const WHITE: Rgb888 = Rgb888::new(255, 255, 255);
const INK: Rgb888 = Rgb888::new(0x26, 0x26, 0x26);
const GRID: Rgb888 = Rgb888::new(0xD9, 0xD9, 0xD9);
const BLUE: Rgb888 = Rgb888::new(0x2E, 0x75, 0xB6);
/// Bars of parent codes, darker than their children's.
const NAVY: Rgb888 = Rgb888::new(0x1F, 0x4E, 0x79);
/// Scale values from the lowest (light) to the highest (dark).
const STEPS: [Rgb888; 7] = [
    Rgb888::new(0xC6, 0xDB, 0xEF),
    Rgb888::new(0x9E, 0xCA, 0xE1),
    Rgb888::new(0x6B, 0xAE, 0xD6),
    Rgb888::new(0x42, 0x92, 0xC6),
    Rgb888::new(0x21, 0x71, 0xB5),
    Rgb888::new(0x08, 0x51, 0x9C),
    Rgb888::new(0x08, 0x30, 0x6B),
];

/// A PNG with its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// One bar: a need and the share of organisations that expressed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// Child codes are indented under their parent.
    pub depth: usize,
    pub share: f64,
    /// The share as the table prints it ("13 %").
    pub text: String,
}

/// One stacked bar: a group's answers per scale value.
#[derive(Debug, Clone, PartialEq)]
pub struct Stack {
    pub label: String,
    pub counts: Vec<usize>,
}

/// Horizontal bars, 0–100 %, with the share printed at the end of each bar; root codes
/// bars darker, their children's indented under them.
pub fn bars(bars: &[Bar], axis: [&str; 5]) -> Picture {
    let label_width = label_width(bars.iter().map(|b| b.label.chars().count() + 2 * b.depth));
    let left = PAD + label_width + PAD;
    // Room for "100 %" after the longest bar.
    let span = WIDTH as i32 - left - 7 * CHAR - PAD;
    let height = (PAD + ROW * bars.len() as i32 + ROW + PAD) as u32;
    let mut canvas = Canvas::new(WIDTH, height);
    let bottom = PAD + ROW * bars.len() as i32;
    for (k, tick) in axis.iter().enumerate() {
        let x = left + span * k as i32 / 4;
        canvas.fill(x, PAD, 1, (bottom - PAD) as u32, GRID);
        canvas.text_centred(tick, x, bottom + 4);
    }
    for (i, bar) in bars.iter().enumerate() {
        let top = PAD + ROW * i as i32;
        let label = format!("{}{}", "  ".repeat(bar.depth), shorten(&bar.label));
        canvas.text(&label, PAD, top + 5);
        let length = (span as f64 * bar.share.clamp(0.0, 1.0)).round() as u32;
        let colour = if bar.depth == 0 { NAVY } else { BLUE };
        canvas.fill(left, top + (ROW - BAR as i32) / 2, length, BAR, colour);
        canvas.text(&bar.text, left + length as i32 + 6, top + 5);
    }
    canvas.picture()
}

/// One stacked bar per group: each value's part of the group's answers, the count written in
/// the segment when it fits, a legend of the values on top.
pub fn stacked(stacks: &[Stack], legend: &[String]) -> Picture {
    let label_width = label_width(stacks.iter().map(|s| s.label.chars().count()));
    let left = PAD + label_width + PAD;
    let span = WIDTH as i32 - left - PAD;
    let colours = palette(legend.len());
    // The legend wraps onto as many lines as it needs.
    let mut lines: Vec<Vec<(usize, i32)>> = vec![Vec::new()];
    let mut x = left;
    for (k, entry) in legend.iter().enumerate() {
        let width = 24 + CHAR * shorten(entry).chars().count() as i32 + 2 * CHAR;
        if x + width > WIDTH as i32 - PAD && x > left {
            lines.push(Vec::new());
            x = left;
        }
        lines.last_mut().expect("one line at least").push((k, x));
        x += width;
    }
    let legend_height = ROW * lines.len() as i32;
    let height = (PAD + legend_height + ROW * stacks.len() as i32 + PAD) as u32;
    let mut canvas = Canvas::new(WIDTH, height);
    for (l, line) in lines.iter().enumerate() {
        let top = PAD + ROW * l as i32;
        for &(k, x) in line {
            canvas.fill(x, top + 7, 16, 16, colours[k]);
            canvas.outline(x, top + 7, 16, 16);
            canvas.text(&shorten(&legend[k]), x + 22, top + 5);
        }
    }
    for (i, stack) in stacks.iter().enumerate() {
        let top = PAD + legend_height + ROW * i as i32;
        canvas.text(&shorten(&stack.label), PAD, top + 5);
        let total: usize = stack.counts.iter().sum();
        if total == 0 {
            continue;
        }
        let mut done = 0;
        for (k, &count) in stack.counts.iter().enumerate() {
            // Ends are placed from the running total so rounding never leaves a gap.
            let start = left + (span as usize * done / total) as i32;
            done += count;
            let end = left + (span as usize * done / total) as i32;
            if end <= start {
                continue;
            }
            let y = top + (ROW - BAR as i32) / 2;
            canvas.fill(start, y, (end - start) as u32, BAR, colours[k]);
            let text = count.to_string();
            if (end - start) > CHAR * text.len() as i32 + 4 {
                let ink = if k * 2 >= colours.len() { WHITE } else { INK };
                canvas.text_in((start + end) / 2, y, &text, ink);
            }
        }
    }
    canvas.picture()
}

/// The label column's width in pixels for labels of these lengths.
fn label_width(lengths: impl Iterator<Item = usize>) -> i32 {
    lengths.max().unwrap_or(0).min(LABEL_CHARS) as i32 * CHAR
}

/// `n` colours from light to dark.
fn palette(n: usize) -> Vec<Rgb888> {
    match n {
        0 => Vec::new(),
        1 => vec![BLUE],
        _ => (0..n)
            // Spread over the steps, rounded, so neighbours never share a colour.
            .map(|k| STEPS[(k * (STEPS.len() - 1) + (n - 1) / 2) / (n - 1)])
            .collect(),
    }
}

/// A label the font can draw, at most `LABEL_CHARS` long.
fn shorten(text: &str) -> String {
    let drawable: String = text
        .chars()
        .map(|c| match c {
            '–' | '—' | '−' => '-',
            '‘' | '’' => '\'',
            '“' | '”' | '„' => '"',
            '…' => '.',
            c if u32::from(c) < 0x100 => c,
            _ => '?',
        })
        .collect();
    if drawable.chars().count() <= LABEL_CHARS {
        drawable
    } else {
        let kept: String = drawable.chars().take(LABEL_CHARS - 3).collect();
        format!("{}...", kept.trim_end())
    }
}

/// An RGB image that embedded-graphics draws into.
struct Canvas {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            width,
            height,
            rgb: vec![255; (width * height * 3) as usize],
        }
    }

    fn fill(&mut self, x: i32, y: i32, width: u32, height: u32, colour: Rgb888) {
        let _ = Rectangle::new(Point::new(x, y), Size::new(width, height))
            .into_styled(PrimitiveStyle::with_fill(colour))
            .draw(self);
    }

    fn outline(&mut self, x: i32, y: i32, width: u32, height: u32) {
        let _ = Rectangle::new(Point::new(x, y), Size::new(width, height))
            .into_styled(PrimitiveStyle::with_stroke(GRID, 1))
            .draw(self);
    }

    /// Text with its top left at (x, y).
    fn text(&mut self, text: &str, x: i32, y: i32) {
        let style = MonoTextStyle::new(&FONT_10X20, INK);
        let _ =
            Text::with_baseline(&shorten(text), Point::new(x, y), style, Baseline::Top).draw(self);
    }

    /// Text centred on `x` with its top at `y`.
    fn text_centred(&mut self, text: &str, x: i32, y: i32) {
        self.text_in(x, y, text, INK);
    }

    fn text_in(&mut self, x: i32, y: i32, text: &str, colour: Rgb888) {
        let style = MonoTextStyle::new(&FONT_10X20, colour);
        let layout = TextStyleBuilder::new()
            .alignment(Alignment::Center)
            .baseline(Baseline::Top)
            .build();
        let _ = Text::with_text_style(text, Point::new(x, y), style, layout).draw(self);
    }

    fn picture(self) -> Picture {
        Picture {
            png: png::encode(self.width, self.height, &self.rgb, DPI),
            width: self.width,
            height: self.height,
        }
    }
}

impl OriginDimensions for Canvas {
    fn size(&self) -> Size {
        Size::new(self.width, self.height)
    }
}

impl DrawTarget for Canvas {
    type Color = Rgb888;
    type Error = Infallible;

    fn draw_iter<I>(&mut self, pixels: I) -> Result<(), Infallible>
    where
        I: IntoIterator<Item = Pixel<Rgb888>>,
    {
        for Pixel(point, colour) in pixels {
            let (Ok(x), Ok(y)) = (u32::try_from(point.x), u32::try_from(point.y)) else {
                continue;
            };
            if x < self.width && y < self.height {
                let i = ((y * self.width + x) * 3) as usize;
                self.rgb[i..i + 3].copy_from_slice(&[colour.r(), colour.g(), colour.b()]);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_become_drawable_and_short() {
        assert_eq!(shorten("Råd – stöd"), "Råd - stöd");
        assert_eq!(shorten("日本"), "??");
        let long = "a".repeat(60);
        assert_eq!(shorten(&long).chars().count(), LABEL_CHARS);
    }

    #[test]
    fn bars_are_drawn_to_their_share() {
        let bar = |share: f64| Bar {
            label: "Behov".into(),
            depth: 0,
            share,
            text: String::new(),
        };
        let picture = bars(&[bar(1.0), bar(0.5)], ["0", "25", "50", "75", "100"]);
        assert_eq!(picture.width, WIDTH);
        assert_eq!(picture.height, (PAD + 3 * ROW + PAD) as u32);
    }

    #[test]
    fn palettes_run_light_to_dark() {
        assert_eq!(palette(5).first(), Some(&STEPS[0]));
        assert_eq!(palette(5).last(), Some(&STEPS[6]));
        assert_eq!(palette(1), [BLUE]);
    }
}
