//! Drawing the capture screen: header, guide list, question, values and the editor.

use super::*;

pub fn draw(capture: &Capture, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let Some(interview) = session.interview(&capture.interview) else {
        return;
    };
    let project = &session.project;
    let layout = Areas::of(app, capture, interview, area);
    draw_header(app, interview, frame, layout.header);
    let list = layout.list;

    // The guide, with answered markers; notes last.
    let questions = &project.guide.questions;
    let height = list.height.saturating_sub(1) as usize;
    let offset = (capture.index + 1).saturating_sub(height.max(1));
    let mut lines: Vec<Line> = Vec::new();
    let texts: Vec<&str> = questions.iter().map(|q| q.text.get(app.lang)).collect();
    let labels = guide_labels(&texts);
    for (i, q) in questions.iter().enumerate().skip(offset).take(height) {
        let answered = interview.answer(&q.id).is_some_and(|a| !a.is_empty());
        let mark = if answered { "✓" } else { "·" };
        let text = format!(
            "{}{mark} {:>2} {}",
            if i == capture.index { "▶" } else { " " },
            i + 1,
            labels[i]
        );
        let style = if i == capture.index {
            theme::selected()
        } else if answered {
            Style::new()
        } else {
            theme::dim()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if questions.len() >= offset && lines.len() < height.max(1) {
        let current = capture.index == questions.len();
        let mark = if interview.notes.trim().is_empty() {
            "·"
        } else {
            "✓"
        };
        let text = format!(
            "{}{mark}  ✎ {}",
            if current { "▶" } else { " " },
            app.t(S::OutsideGuide)
        );
        lines.push(Line::from(Span::styled(
            text,
            if current {
                theme::selected()
            } else {
                Style::new()
            },
        )));
    }
    let title = app.fill(
        S::GuideAnswered,
        &[
            ("answered", &interview.answered()),
            ("questions", &questions.len()),
        ],
    );
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::new()
                .borders(Borders::RIGHT | Borders::TOP)
                .title(title),
        ),
        list,
    );

    frame.render_widget(
        Paragraph::new(layout.top).wrap(Wrap { trim: false }),
        layout.top_area,
    );
    frame.render_widget(
        Paragraph::new(layout.codes).wrap(Wrap { trim: false }),
        layout.codes_area,
    );
    draw_editor(app, capture, interview, frame, layout.editor);
}

/// Where the capture screen's parts go in `area`, with the lines above the editor (question,
/// help, values) and the codes line below it, whose heights the layout depends on.
struct Areas {
    header: Rect,
    list: Rect,
    top_area: Rect,
    editor: Rect,
    codes_area: Rect,
    top: Vec<Line<'static>>,
    codes: Line<'static>,
}

impl Areas {
    fn of(app: &View, capture: &Capture, interview: &Interview, area: Rect) -> Areas {
        let questions = app
            .session
            .map_or(&[][..], |s| &s.project.guide.questions[..]);
        let [header, body] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
        let list_width = (area.width / 3).clamp(22, 44);
        let [list, detail] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(body);
        let question = questions.get(capture.index);
        let answer = question.and_then(|q| interview.answer(&q.id));
        let inner = Rect {
            x: detail.x + 1,
            width: detail.width.saturating_sub(1),
            ..detail
        };
        let mut top: Vec<Line<'static>> = Vec::new();
        match question {
            Some(q) => {
                let label = app.fill(
                    S::QuestionOf,
                    &[("n", &(capture.index + 1)), ("total", &questions.len())],
                );
                top.push(Line::from(Span::styled(label, theme::dim())));
                top.push(Line::from(Span::styled(
                    q.text.get(app.lang).to_string(),
                    theme::title(),
                )));
                if !q.help.is_empty() {
                    top.push(Line::from(Span::styled(
                        q.help.get(app.lang).to_string(),
                        theme::dim().add_modifier(Modifier::ITALIC),
                    )));
                }
            }
            None => {
                top.push(Line::from(Span::styled(
                    app.t(S::OutsideGuide),
                    theme::title(),
                )));
                top.push(Line::from(Span::styled(
                    app.t(S::WhatBelongsNoQuestionNotes),
                    theme::dim(),
                )));
            }
        }
        top.extend(
            question
                .map(|q| value_lines(app, q, answer))
                .unwrap_or_default(),
        );
        if let (Some(q), Some(session)) = (question, app.session) {
            top.extend(crate::tui::screens::follow_up::previous_lines(
                app, session, interview, q,
            ));
        }
        let top_height = wrapped_height(&top, inner.width);
        let part = question.map_or(NOTES, |q| q.id.as_str());
        let codes = interview
            .codings_of(part)
            .map(|c| code_line(app, c))
            .unwrap_or_default();
        let [top_area, editor_area, codes_area] = Layout::vertical([
            Constraint::Length(top_height.min(inner.height / 2).max(2)),
            Constraint::Min(3),
            Constraint::Length(if codes.spans.is_empty() {
                0
            } else {
                wrapped_height(std::slice::from_ref(&codes), inner.width).min(3)
            }),
        ])
        .areas(inner);
        Areas {
            header,
            list,
            top_area,
            editor: editor_area,
            codes_area,
            top,
            codes,
        }
    }
}

/// The editor's text area (inside its border) when the capture screen is drawn in `area`:
/// the layout decides it, and the application fits the editor to it on every update.
pub fn editor_area(app: &View, capture: &Capture, area: Rect) -> Option<Rect> {
    let interview = app.session?.interview(&capture.interview)?;
    let editor = Areas::of(app, capture, interview, area).editor;
    Some(Block::new().borders(Borders::ALL).inner(editor))
}

/// The guide list's line for each question. Questions that start with the same words (four
/// "Hur mogna är företagen ni möter inom …") show their first words and then where they differ,
/// so a narrow list still tells them apart: "Hur mogna … energiomställning?".
pub fn guide_labels(texts: &[&str]) -> Vec<String> {
    let words: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| t.split_whitespace().collect())
        .collect();
    words
        .iter()
        .enumerate()
        .map(|(i, own)| {
            let shared = words
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, other)| own.iter().zip(other).take_while(|(a, b)| a == b).count())
                .max()
                .unwrap_or(0);
            if shared < 3 || shared >= own.len() {
                return texts[i].to_string();
            }
            format!("{} … {}", own[..2].join(" "), own[shared..].join(" "))
        })
        .collect()
}

pub(super) fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = width.max(1) as usize;
    lines
        .iter()
        .map(|l| l.width().div_ceil(width).max(1) as u16)
        .sum()
}

pub(super) fn draw_header(app: &View, interview: &Interview, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let project = &session.project;
    let first = interview
        .respondents
        .first()
        .and_then(|id| project.respondent(id));
    let attributes: Vec<String> = first
        .map(|r| {
            r.attributes
                .values()
                .filter(|v| !v.is_empty())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let consent = match (interview.consent.given, interview.consent.date) {
        (true, Some(date)) => format!("{} {date}", app.t(S::ConsentOn)),
        (true, None) => app.t(S::ConsentGiven).to_string(),
        (false, _) => app.t(S::ConsentNotRecorded).to_string(),
    };
    let unsaved = session.unsaved.contains(&interview.id);
    let lines = vec![
        Line::from(vec![
            Span::styled(respondent_names(project, interview), theme::title()),
            Span::styled(format!("  {}", attributes.join(" · ")), theme::dim()),
        ]),
        Line::from(vec![
            Span::raw(format!(
                "{} · {} · {} · {}",
                interview.date,
                interview.interviewer,
                mode_text(interview.mode, app.lang),
                project
                    .round_of(interview)
                    .map_or(String::new(), |r| format!("{} · ", r.name))
            )),
            Span::styled(
                consent,
                if interview.consent.given {
                    Style::new()
                } else {
                    theme::error()
                },
            ),
            Span::raw(" · "),
            Span::styled(status_text(interview.status, app.lang), theme::title()),
            Span::styled(
                if session.read_only() {
                    app.t(S::StateReadOnly)
                } else if unsaved {
                    app.t(S::StateInJournal)
                } else {
                    app.t(S::StateSaved)
                },
                theme::dim(),
            ),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The scale levels or choice options, the chosen ones marked.
pub(super) fn value_lines(
    app: &View,
    question: &Question,
    answer: Option<&crate::model::Answer>,
) -> Vec<Line<'static>> {
    match &question.kind {
        QuestionKind::Open => Vec::new(),
        QuestionKind::Scale { min, max, labels } => {
            let chosen = answer.and_then(|a| a.scale);
            let mut spans = vec![Span::styled(app.t(S::ValueLabel), theme::dim())];
            for v in *min..=*max {
                let label = labels
                    .iter()
                    .find(|l| l.value == v)
                    .map(|l| l.label.get(app.lang))
                    .unwrap_or("");
                let text = if chosen == Some(v) {
                    format!("[{v} {label}]")
                } else {
                    format!(" {v} {label} ")
                };
                spans.push(Span::styled(
                    text,
                    if chosen == Some(v) {
                        theme::selected()
                    } else {
                        Style::new()
                    },
                ));
                spans.push(Span::raw(" "));
            }
            vec![Line::from(spans)]
        }
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            let single = matches!(question.kind, QuestionKind::SingleChoice { .. });
            options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let on = answer.is_some_and(|a| a.choices.contains(&o.id));
                    let mark = match (single, on) {
                        (true, true) => "(•)",
                        (true, false) => "( )",
                        (false, true) => "[x]",
                        (false, false) => "[ ]",
                    };
                    let style = if on { theme::title() } else { Style::new() };
                    Line::from(Span::styled(
                        format!("{} {mark} {}", i + 1, o.label.get(app.lang)),
                        style,
                    ))
                })
                .collect()
        }
    }
}

/// The codes on an answer, in their colours; passages marked with ¶.
pub(super) fn code_line(app: &View, codings: &[crate::model::Coding]) -> Line<'static> {
    let Some(session) = app.session else {
        return Line::default();
    };
    if codings.is_empty() {
        return Line::default();
    }
    let mut spans = vec![Span::styled(app.t(S::CodesLabel), theme::dim())];
    // The coder is named only where two people coded the answer.
    let several_coders = codings.iter().any(|c| c.coder != codings[0].coder);
    for coding in codings {
        let (label, colour) = session
            .project
            .codebook
            .code(&coding.code)
            .map(|c| (c.label.get(app.lang).to_string(), c.colour.clone()))
            .unwrap_or((coding.code.clone(), String::new()));
        let mark = if coding.span.is_some() { "¶" } else { "■" };
        spans.push(Span::styled(
            format!("{mark} {label}"),
            theme::code(&colour),
        ));
        spans.push(Span::styled(
            if several_coders {
                format!(" ({})  ", coding.coder)
            } else {
                "  ".into()
            },
            theme::dim(),
        ));
    }
    Line::from(spans)
}

pub(super) fn draw_editor(
    app: &View,
    capture: &Capture,
    interview: &Interview,
    frame: &mut Frame,
    area: Rect,
) {
    let Some(session) = app.session else { return };
    let question = session.project.guide.questions.get(capture.index);
    let title = match question.map(|q| &q.kind) {
        Some(QuestionKind::Open) => app.t(S::AnswerTitle),
        Some(_) => app.t(S::CommentTitle),
        None => app.t(S::OutsideGuideTitle),
    };
    let hint = if capture.editing {
        keymap::hint_for(
            Context::Editor,
            &[Action::Back, Action::NextQuestion],
            app.lang,
        )
    } else {
        keymap::hint_for(Context::Capture, &[Action::Edit], app.lang)
    };
    let comment = match question {
        Some(q) => interview.answer(&q.id).map_or("", |a| a.text.as_str()),
        None => "",
    };
    let digits = capture.editing && takes_digits(question, comment);
    let hint = match question.map(|q| &q.kind) {
        Some(QuestionKind::Scale { min, max, .. }) if digits => {
            let range = format!("{min}–{max}");
            app.fill(S::DigitsChooseValue, &[("range", &range), ("hint", &hint)])
        }
        Some(QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options })
            if digits =>
        {
            let range = format!("1–{}", options.len().min(9));
            app.fill(S::DigitsChooseOption, &[("range", &range), ("hint", &hint)])
        }
        _ => hint,
    };
    let border = if capture.editing {
        theme::key()
    } else {
        theme::dim()
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(title)
        .title_bottom(hint);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let answer = question.and_then(|q| interview.answer(&q.id));
    let text = match question {
        Some(_) => answer.map(|a| a.text.as_str()).unwrap_or(""),
        None => interview.notes.as_str(),
    };
    let width = inner.width.max(1) as usize;
    let height = inner.height.max(1) as usize;
    // The scroll was fitted to this area in the update before this frame.
    let scroll = capture.editor.scroll;
    let rows = capture.editor.rows_to_draw(text, session.revision, width);
    let (cursor_row, cursor_col) = capture.editor.cursor_in(&rows, text);
    // Coded passages as (start, end, colour) in characters.
    let passages: Vec<(usize, usize, String)> = interview
        .codings_of(question.map_or(NOTES, |q| q.id.as_str()))
        .map(|codings| {
            codings
                .iter()
                .filter_map(|c| {
                    let span = c.span?;
                    let colour = session
                        .project
                        .codebook
                        .code(&c.code)
                        .map(|k| k.colour.clone())
                        .unwrap_or_default();
                    Some((span.start, span.end, colour))
                })
                .collect()
        })
        .unwrap_or_default();
    let selection = capture.editor.selected_span(text).map(|s| (s.start, s.end));
    let below = rows.len().saturating_sub(scroll + height);
    if below > 0 || scroll > 0 {
        let marker = match (scroll > 0, below) {
            (true, 0) => app.t(S::MoreAbove).to_string(),
            (_, n) => app.fill(S::MoreLines, &[("n", &n)]),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(marker, theme::key())).alignment(Alignment::Right),
            Rect {
                y: area.y + area.height.saturating_sub(1),
                height: 1,
                ..area
            },
        );
    }
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let mut char_index = rows
        .get(scroll)
        .map(|r| char_at(text, r.start))
        .unwrap_or(0);
    for row in rows.iter().skip(scroll).take(height) {
        let mut spans: Vec<Span> = Vec::new();
        for g in text[row.start..row.end].graphemes(true) {
            let mut style = passages
                .iter()
                .find(|(s, e, _)| *s <= char_index && char_index < *e)
                .map(|(_, _, colour)| theme::passage(colour))
                .unwrap_or_default();
            if selection.is_some_and(|(s, e)| s <= char_index && char_index < e) {
                style = theme::selected();
            }
            char_index += g.chars().count();
            match spans.last_mut() {
                Some(last) if last.style == style => last.content.to_mut().push_str(g),
                _ => spans.push(Span::styled(g.to_string(), style)),
            }
        }
        // The newline that ends a paragraph belongs to no row; count it.
        if text[row.end..].starts_with('\n') {
            char_index += 1;
        }
        lines.push(Line::from(spans));
    }
    if text.is_empty() && !capture.editing {
        lines = vec![Line::from(Span::styled(
            app.t(S::NoAnswerYet),
            theme::dim(),
        ))];
    } else if text.is_empty() && digits {
        lines = vec![Line::from(Span::styled(
            app.t(S::TypeDigitValueComment),
            theme::dim(),
        ))];
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if capture.editing && cursor_row >= scroll && cursor_row < scroll + height {
        let x = inner.x + (cursor_col as u16).min(inner.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, inner.y + (cursor_row - scroll) as u16));
    }
}

#[cfg(test)]
mod tests {
    use super::guide_labels;

    #[test]
    fn guide_labels_show_where_similar_questions_differ() {
        let texts = [
            "Berätta kort om er organisation.",
            "Hur mogna är företagen ni möter inom resurseffektiv produktion?",
            "Hur mogna är företagen ni möter inom energiomställning?",
            "Hur arbetar ni?",
        ];
        let labels = guide_labels(&texts);
        assert_eq!(labels[0], texts[0]);
        assert_eq!(labels[1], "Hur mogna … resurseffektiv produktion?");
        assert_eq!(labels[2], "Hur mogna … energiomställning?");
        assert_eq!(labels[3], "Hur arbetar ni?");
    }
}
