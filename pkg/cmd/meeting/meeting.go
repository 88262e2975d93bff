// Package meeting implements `pm meeting`: schedule the postmortem meeting within the severity's
// deadline, record it in the front matter, commit, and write an iCalendar invitation with the agenda.
package meeting

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/ical"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/workflow"
)

// Options are the argument and flags of pm meeting.
type Options struct {
	F          *cmdutil.Factory
	Postmortem string // path, id or part of one; "" for the only open one
	At         string
	Duration   time.Duration
	ICS        string // "" for <git dir>/pm/<id>.ics (outside a repository <id>.ics), "-" for stdout
	Attendees  []string
	Location   string
	Force      bool
	NoCommit   bool
	NoVerify   bool
	// Refresh rewrites the invitation for the meeting the document records, committing nothing.
	Refresh bool

	durationGiven  bool   // --duration was on the command line (a refresh keeps the earlier length otherwise)
	durationUnread string // --duration's value when it is no length pm reads
}

// defaultDuration is the meeting's length when --duration is not given: the process plans 15–30
// minutes.
const defaultDuration = 30 * time.Minute

// maxDuration catches a unit typo (--duration 30h).
const maxDuration = 8 * time.Hour

// NewCmdMeeting returns the meeting command; runF replaces the run in tests of argument parsing.
func NewCmdMeeting(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   `meeting [POSTMORTEM] (--at "YYYY-MM-DD HH:MM" | --refresh)`,
		Short: "Schedule the postmortem meeting and write its calendar invitation",
		Long: `Schedule the postmortem meeting: check the time against the severity's deadline,
set meeting: in the front matter (RFC 3339, in the configured time zone; no
other byte of the file changes), commit that file alone, and write an iCalendar
invitation (RFC 5545) to import into a calendar or send.

--at takes "2026-11-26 10:00", "2026-11-26T10:00", an explicit zone
("2026-11-26 10:00 JST", "2026-11-26 10:00 +09:00",
"2026-11-26 10:00 Asia/Tokyo") or RFC 3339. Without a zone the time is in the
configured zone (timezone in .pm.yaml).

Refused (exit 1) unless --force, which schedules it anyway with a warning:
  - a time after the deadline (SEV-1: 3 business days after the incident,
    SEV-2: 5; weekends and the configured holidays do not count; meeting_sla
    in .pm.yaml). The message gives the deadline and how many business days
    late the time is. Severities without an SLA have no deadline;
  - a time in the past (with --force it records a meeting that already took
    place);
  - a postmortem that is already Reviewed or Closed.
A time before the incident date, or one that does not parse, is an input error
(exit 2).

The invitation (default .git/pm/<id>.ics, where git status never shows it;
--ics FILE, or --ics - for stdout) lasts --duration (30m). Its description
carries the agenda of the process, filled from the document: a timeline
summary, the key points
(Overview), how it could have been detected sooner (canary, tests, load tests),
the customer impact, the action items with their priorities, the External
Message's text when the postmortem has one to send (or a line saying it has no
text yet), and the document's path (its URL under repo_url when set).

--ics FILE is written as a shell's > would write it: a named pipe, a device or
a symbolic link's target is written in place, never replaced; a regular file
is replaced whole and keeps its permissions. A folder, a missing folder or one
pm cannot write is refused (exit 2) before anything is committed.

Invited: the owner (the organizer), the incident commander and every
--attendee as required, and for SEV-1 the customer_liaison of .pm.yaml as
optional. An invitation needs email addresses: give them as
--attendee "Name <email>" (a name that matches the owner or incident commander
adds their address); the owner's address also comes from your git identity
when the names match. People with no known address are named in the
description instead, and pm says so. When the owner has no address, you (your
git identity) are the organizer. The event's UID is derived from the
repository (repo_url, else its folder name) and the postmortem id, and its
SEQUENCE grows with time and always goes above the earlier invitation's (the
same --ics file, or pm's copy in .git/pm), so a rescheduled invitation replaces
the earlier one in calendars. A reschedule keeps the length, the location and
the attendees of the earlier invitation unless given again, as --refresh does.

--refresh rewrites the invitation for the meeting already set in meeting:,
from the document as it is now (the agenda, the people), and commits nothing:
same time, same UID, a higher SEQUENCE and a new DTSTAMP, so that calendars
update the event. The length, the location and the attendees of the earlier
invitation (the same --ics file, or pm's copy) are kept unless given again. No
meeting set yet is an input error (exit 2).

POSTMORTEM is a path, an id (file name without .md) or a unique part of one;
without it, the only postmortem that is not Closed.

` + cmdutil.ExitCodesHelp,
		Example: `  pm meeting --at "2026-11-26 10:00"
  pm meeting checkout --at "2026-11-26 10:00 JST" --duration 45m
  pm meeting --at 2026-11-26T10:00:00+09:00 --location "Room 4"
  pm meeting --at "2026-11-26 10:00" --attendee "Ana Souza <ana@example.com>"
  pm meeting --at "2026-12-01 15:00" --force --ics - > invite.ics
  pm meeting checkout --refresh
  pm meeting "2026-11-26 10:00"              # the time without --at`,
		Args:              cmdargs.Max(2),
		ValidArgsFunction: complete.Args(f.PostmortemIDs),
		RunE: func(cmd *cobra.Command, args []string) error {
			// A time written without --at (pm meeting "2026-11-26 10:00") is the meeting's time, as
			// meant; a postmortem's id is never one (it has no clock).
			var rest []string
			for _, a := range args {
				if opts.At == "" && !opts.Refresh && atRE.Get().MatchString(strings.TrimSpace(a)) {
					opts.At = a
					continue
				}
				rest = append(rest, a)
			}
			switch len(rest) {
			case 0:
			case 1:
				opts.Postmortem = rest[0]
			default:
				return cmdutil.Usagef("%s", f.UserLang().T("meeting.args", strings.Join(rest, `", "`)))
			}
			opts.durationGiven = cmd.Flags().Changed("duration")
			if runF != nil {
				return runF(opts)
			}
			return meetingRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.At, "at", "", `meeting start: "YYYY-MM-DD HH:MM" in the configured zone, or with a zone or offset (required unless --refresh)`)
	opts.Duration = defaultDuration
	fl.Var(durationFlag{&opts.Duration, &opts.durationUnread}, "duration", "meeting length, like 30m or 1h30m (or in Japanese, 45分 or 1時間30分)")
	fl.StringVar(&opts.ICS, "ics", "", "invitation file (default .git/pm/<id>.ics; - for stdout)")
	fl.StringArrayVar(&opts.Attendees, "attendee", nil, `someone else to invite, "Name <email>" (repeatable)`)
	fl.StringVar(&opts.Location, "location", "", "meeting room or video call link")
	fl.BoolVar(&opts.Force, "force", false, "schedule past the deadline, in the past, or after the review")
	fl.BoolVar(&opts.NoCommit, "no-commit", false, "change the file without committing it")
	fl.BoolVar(&opts.NoVerify, "no-verify", false, "commit without running the pre-commit and commit-msg hooks")
	fl.BoolVar(&opts.Refresh, "refresh", false, "rewrite the invitation for the meeting already set, from the document as it is now; commit nothing")
	return cmd
}

func meetingRun(o *Options) error {
	f := o.F
	switch {
	case o.Refresh && (o.At != "" || o.Force):
		return cmdutil.Usagef("%s", f.UserLang().T("meeting.refresh-flags"))
	case !o.Refresh && strings.TrimSpace(o.At) == "":
		return cmdutil.Usagef("%s", f.UserLang().T("meeting.at-required"))
	}
	if o.durationUnread != "" {
		return cmdutil.Usagef("%s", f.UserLang().T("meeting.duration-unread", o.durationUnread))
	}
	if o.Duration < time.Minute || o.Duration > maxDuration {
		return cmdutil.Usagef("%s", f.UserLang().T("meeting.duration", o.Duration))
	}
	var extra []person
	for _, a := range o.Attendees {
		p, err := parsePerson(a)
		if err != nil {
			return cmdutil.Usagef("--attendee: %s", i18n.Text(f.UserLang(), err))
		}
		p.Role = ical.RoleRequired
		extra = append(extra, p)
	}
	if strings.ContainsAny(o.Location, "\x00\r\n") {
		return cmdutil.Usagef("%s", f.UserLang().T("meeting.location"))
	}

	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := f.Lang(p.Config)
	loc := p.Location()
	var at time.Time
	if !o.Refresh {
		if at, err = parseAt(o.At, loc); err != nil {
			return cmdutil.Usagef("--at %q: %s", o.At, i18n.Text(lang, err))
		}
	}
	e, err := f.ResolvePostmortem(p, o.Postmortem)
	if err != nil {
		return err
	}
	chk, err := cmdutil.NewChecker(p, lang)
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	doc := e.Doc
	if broken := frontMatterFindings(chk, f.Display(e.Path), doc); broken.Len() > 0 {
		broken.WriteText(present.Writer(f.IO.ErrOut))
		return cmdutil.Refusedf("%s", lang.T("meeting.fix-front-matter", f.Display(e.Path)))
	}
	fm := &doc.Fields
	if o.Refresh {
		if !fm.HasMeeting() && fm.BadMeeting != "" {
			return cmdutil.Usagef("%s", lang.T("meeting.refresh-bad", e.ID, fm.BadMeeting))
		}
		if !fm.HasMeeting() {
			return cmdutil.Usagef("%s", lang.T("meeting.refresh-none", e.ID))
		}
		at = fm.Meeting
	}

	// The invitation's file is opened (or its temporary file created) before anything is committed,
	// so that a path pm cannot write stops here; every return before Write gives it up.
	icsPath, icsName := "", o.ICS // icsName: the path as the user gave it, for messages
	var ics *fsutil.Output
	if o.ICS != "-" {
		icsPath = f.OutputPath(o.ICS)
		if o.ICS == "" {
			var made string
			if icsPath, made, err = defaultInvitePath(f, p, e.ID); err != nil {
				var fe *inviteFolderError
				if !errors.As(err, &fe) {
					return err // the repository's own error (its config does not parse), as every command says it
				}
				// not the work tree instead: the file would show in git status and a later git add -A
				return cmdutil.Usagef("%s", lang.T("meeting.no-ics-folder", fe.msg))
			}
			icsName = f.Display(icsPath)
			if made != "" {
				// a refused command leaves no folder behind: removed when it is still empty (after
				// the temporary file below is given up)
				defer os.Remove(made)
			}
		}
		if ics, err = fsutil.PrepareOutput(icsPath, icsName); err != nil {
			return cmdutil.Usagef("--ics: %s", icsError(lang, icsName, err))
		}
		defer ics.Abort()
	}

	// A refresh or a reschedule keeps what only the earlier invitation of this event records: the
	// length, the place, the people invited by --attendee (importing an event that lacks them would
	// drop them from it); and it must outrank it, whatever the clock says (two runs in one second,
	// a teammate's clock behind). The earlier invitation is the file written now, or pm's own copy
	// (the default file), whichever is later: a reschedule to stdout or to a new file is of the event
	// the default file holds.
	after := -1
	prev, found := ical.Event{}, false
	ownCopy, _ := defaultInviteFile(f, p, e.ID) // "" when the repository does not open
	for _, path := range []string{icsPath, ownCopy} {
		if path == "" {
			continue
		}
		if ev, ok := previousInvite(path, eventUID(p, e.ID)); ok && (!found || ev.Sequence > prev.Sequence) {
			prev, found = ev, true
		}
	}
	if found {
		after = prev.Sequence
		if d := prev.End.Sub(prev.Start); !o.durationGiven && d >= time.Minute && d <= maxDuration {
			o.Duration = d
		}
		if o.Location == "" {
			o.Location = prev.Location
		}
		var kept []person
		for _, a := range prev.Attendees {
			role := a.Role
			if role != ical.RoleOptional {
				role = ical.RoleRequired
			}
			kept = append(kept, person{Name: a.Name, Email: a.Email, Role: role})
		}
		extra = append(kept, extra...)
	}

	now := c.Now()
	show := func(t time.Time) string { return lang.DayTime(t.In(loc)) }
	// the incident's day in the team's zone, as every deadline counts it; a meeting that day, even
	// before the incident's hour, is one of it, as pm lint reads the front matter
	incidentDay := fm.IncidentDate.In(loc).Format("2006-01-02")
	if y, m, d := fm.IncidentDate.In(loc).Date(); !o.Refresh && fm.HasIncidentDate() && at.Before(time.Date(y, m, d, 0, 0, 0, 0, loc)) {
		return cmdutil.Usagef("%s", lang.T("meeting.before-incident", show(at), incidentDay))
	}
	// the meeting: line (in the team's zone) and the invitation's DTSTART and DTEND (in UTC) are
	// written with four-digit years: a meeting reaching into the year 10000 in either is refused
	for _, t := range []time.Time{at, at.Add(o.Duration)} {
		if t.In(loc).Year() > 9999 || t.UTC().Year() > 9999 {
			what := "--at" // with --refresh, the time is the front matter's
			if o.Refresh {
				what = "meeting:"
			}
			return cmdutil.Usagef("%s", lang.T("meeting.at-range", what, show(at)))
		}
	}
	var warnings []string
	// refusal is the objection with the way past it; forced, what was passed over, said without
	// the advice to add the --force just given
	refuse := func(refusal, forced i18n.Msg) error {
		if !o.Force {
			return cmdutil.Refusedf("%s: %s", e.ID, refusal.In(lang))
		}
		warnings = append(warnings, forced.In(lang))
		return nil
	}
	// The process's objections to this time, from the one schedule: each refuses unless --force.
	var issues []workflow.MeetingIssue
	if !o.Refresh {
		issues = p.Schedule().CheckMeeting(fm, at, now)
	}
	for _, issue := range issues {
		var err error
		switch issue.Kind {
		case workflow.MeetingHeld:
			err = refuse(i18n.M("meeting.held", fm.Status), i18n.M("meeting.held-forced", fm.Status))
		case workflow.MeetingPast:
			err = refuse(i18n.M("meeting.past", show(at), show(now)), i18n.M("meeting.past-forced", show(at), show(now)))
		case workflow.MeetingLate:
			late, deadline := lang.N("n.business-day", issue.Late), lang.Day(issue.Deadline.In(loc))
			err = refuse(i18n.M("meeting.after-deadline", show(at), late, fm.Severity, deadline, issue.Days, incidentDay),
				i18n.M("meeting.after-deadline-forced", show(at), late, fm.Severity, deadline, issue.Days, incidentDay))
		}
		if err != nil {
			return err
		}
	}
	// not refused: a meeting may have to be held on a weekend after a SEV-1, but it is said
	offDay := !o.Refresh && !p.Schedule().BusinessDay(at)

	value := at.In(loc).Format(time.RFC3339)
	edited := doc.Src // a refresh leaves the document as it is
	if !o.Refresh {
		if edited, err = (cmdutil.Edit{Fields: []cmdutil.Field{{Key: "meeting", Value: value}}}).Apply(e.Path, doc.Src); err != nil {
			return err
		}
	}
	inv, err := invitation(c, e, o, extra, at, after)
	if err != nil {
		return err
	}

	msg := fmt.Sprintf("postmortem: %s meeting %s", e.ID, value)
	var saved cmdutil.Saved
	changed := string(edited) != string(doc.Src)
	if changed {
		if saved, err = c.Write(e, edited, cmdutil.Save{NoCommit: o.NoCommit, NoVerify: o.NoVerify, Message: msg}); err != nil {
			return err
		}
	}
	if icsPath == "" {
		if err := f.WriteOut(func(w io.Writer) error { _, err := w.Write(inv.data); return err }); err != nil {
			if changed {
				// committed: the user is told so, as when --ics FILE cannot be written; said here in
				// full (not wrapped), so that the root's wording of lost output does not replace it
				return cmdutil.Usagef("%s: %s", lang.T("meeting.not-written", f.Display(e.Path)), lang.T("err.write-stdout", err))
			}
			return err
		}
	} else {
		if err := ics.Write(inv.data); err != nil {
			if changed {
				return fmt.Errorf("%s: %w", lang.T("meeting.not-written", f.Display(e.Path)), err)
			}
			return err
		}
		fmt.Fprintln(f.IO.Out, icsName)
	}

	// The notes name the postmortem and the people in it as the document writes them: sanitised.
	// warn is for what the invitation lacks or what --force let through, which -q keeps; note is for
	// confirmations, which -q drops.
	w := f.IO.ErrOut
	warn := func(s string) { fmt.Fprintln(w, present.Line(s)) }
	note := func(s string) {
		if !f.IO.Quiet {
			warn(s)
		}
	}
	for _, m := range warnings {
		warn(lang.T("meeting.forced", m))
	}
	if offDay {
		warn(lang.T("meeting.not-business-day", lang.Day(at.In(loc))))
	}
	when := timeRange(lang, at.In(loc), at.Add(o.Duration).In(loc))
	switch {
	case o.Refresh:
		note(lang.T("meeting.refreshed", e.ID, when))
	case fm.HasMeeting() && !fm.Meeting.Equal(at):
		note(lang.T("meeting.moved", e.ID, show(fm.Meeting), when))
	case !changed:
		note(lang.T("meeting.unchanged", e.ID, when))
	default:
		note(lang.T("meeting.set", e.ID, when))
	}
	if !o.Refresh && fm.HasIncidentDate() {
		if deadline, ok := p.Schedule().Deadline(fm.Severity, fm.IncidentDate); ok && !at.After(deadline) {
			note(lang.T("meeting.within", fm.Severity, lang.Day(deadline.In(loc))))
		}
	}
	for _, u := range inv.unreached {
		warn(lang.T("meeting.no-address", u.displayIn(lang), u.displayName()))
	}
	if inv.selfOrganized != "" {
		warn(lang.T("meeting.self-organizer", inv.selfOrganized))
	}
	if inv.attendees == 0 {
		warn(lang.T("meeting.no-attendees"))
	} else if icsPath != "" {
		note(lang.T("meeting.invitation", lang.N("n.attendee", inv.attendees), icsName))
	}
	c.Report(saved, note)
	return nil
}

// frontMatterFindings are the front matter problems that stop scheduling: any but a bad meeting
// value, which pm is about to replace.
func frontMatterFindings(chk *cmdutil.Checker, display string, doc *postmortem.Doc) cmdutil.Findings {
	bad := doc.Root == nil
	for _, pr := range doc.Problems {
		if pr.Key != "meeting" && !pr.ReadAnyway() { // "sev1" is SEV-1 here as for every command
			bad = true
		}
	}
	if !bad {
		return cmdutil.Findings{}
	}
	out := chk.Lint(display, doc.Src).Rule("front-matter").NotOnLine(doc.KeyLine("meeting"))
	if out.Len() == 0 { // a problem lint does not show: still refuse, and say so
		out = cmdutil.FrontMatterProblems(display, doc)
	}
	return out
}

// defaultInviteFile is where the invitation goes without --ics: <git dir>/pm/<id>.ics in a
// repository, so that the file is at hand but never shows in git status or a later git add -A;
// <id>.ics in the current directory outside one. A repository that does not open is its error.
func defaultInviteFile(f *cmdutil.Factory, p *project.Project, id string) (string, error) {
	if !p.InRepo {
		return f.Abs(id + ".ics"), nil
	}
	repo, err := p.Repo()
	if err != nil {
		return "", err
	}
	return filepath.Join(repo.GitDir(), "pm", id+".ics"), nil
}

// defaultInvitePath is defaultInviteFile with its folder made: made is the folder when this call
// created it, else "". In a repository, a folder pm cannot make (a file in its place, no permission)
// is an inviteFolderError: the work tree is no place for it.
func defaultInvitePath(f *cmdutil.Factory, p *project.Project, id string) (path, made string, err error) {
	if path, err = defaultInviteFile(f, p, id); err != nil || !p.InRepo {
		return path, "", err
	}
	dir := filepath.Dir(path)
	_, statErr := os.Lstat(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", &inviteFolderError{msg: fmt.Sprintf("%s: %v", f.Display(dir), unwrapPath(err))}
	}
	if os.IsNotExist(statErr) {
		made = dir
	}
	return path, made, nil
}

// inviteFolderError is the default invitation folder that cannot be made: msg names it and why.
type inviteFolderError struct{ msg string }

func (e *inviteFolderError) Error() string { return e.msg }

// unwrapPath is the system's words of a path error, without the path the message names already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// icsError words a path PrepareOutput refused (shown as display) in the user's language when the
// catalogue has the case.
func icsError(lang i18n.Lang, display string, err error) string {
	var fe *fsutil.FolderError
	switch {
	case errors.Is(err, fsutil.ErrIsFolder):
		return lang.T("meeting.ics-is-folder", display)
	case errors.As(err, &fe) && errors.Is(fe.Err, syscall.ENOTDIR):
		return lang.T("meeting.ics-not-folder", fe.Dir)
	case errors.As(err, &fe):
		return lang.T("meeting.ics-folder", fe.Dir)
	}
	return err.Error()
}

// invite is a rendered invitation and what pm tells the user about it.
type invite struct {
	data          []byte
	attendees     int
	unreached     []person // people with no email address, named in the description only
	selfOrganized string   // the git identity that organizes because the owner has no address
}

// previousInvite is the event of the invitation at path when it is a regular file pm can read and
// parse, and the event has the UID uid; a pipe or a device is never read.
func previousInvite(path, uid string) (ical.Event, bool) {
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() || fi.Size() > maxInvite {
		return ical.Event{}, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return ical.Event{}, false
	}
	ev, err := ical.ReadEvent(data)
	if err != nil || ev.UID != uid {
		return ical.Event{}, false
	}
	return ev, true
}

// maxInvite is more than any invitation pm writes: a larger file is someone else's.
const maxInvite = 1 << 20

// eventUID is the UID of the meeting of postmortem id in p: from repo_url, else the repository's
// folder name.
func eventUID(p *project.Project, id string) string {
	repoKey := p.Config.RepoURL
	if repoKey == "" {
		repoKey = filepath.Base(p.Root)
	}
	return uid(repoKey, id)
}

// invitation builds the .ics for the meeting at at, stamped with the run's instant; its SEQUENCE is
// above after, the earlier invitation's (-1 for none).
func invitation(c *cmdutil.Context, e project.Entry, o *Options, extra []person, at time.Time, after int) (invite, error) {
	p, err := c.Project()
	if err != nil {
		return invite{}, err
	}
	now := c.Now()
	fm := &e.Doc.Fields
	var guests guestList
	owner := lenientPerson(fm.Owner)
	owner.Label, owner.Role = "owner", ical.RoleRequired
	guests.add(owner)
	ic := lenientPerson(fm.IncidentCommander)
	ic.Label, ic.Role = "incident commander", ical.RoleRequired
	guests.add(ic)
	for _, a := range extra {
		guests.add(a)
	}
	if fm.Severity == "SEV-1" && p.Config.CustomerLiaison != "" {
		if cl, err := parsePerson(p.Config.CustomerLiaison); err == nil {
			cl.Label, cl.Role = "customer liaison", ical.RoleOptional
			guests.add(cl)
		}
	}

	// me is whoever runs pm, by their git identity: the owner's address when the names match, and
	// the organizer when the owner has no address.
	var me *person
	if p.InRepo {
		if a, _, err := p.Identity(); err == nil && a.Email != "" {
			me = &person{Name: a.Name, Email: a.Email}
		}
	}
	var inv invite
	var organizer *ical.Person
	ow := guests.findOwner()
	if ow != nil && ow.Email == "" && me != nil && sameNames(me.Name, ow.Name) {
		ow.Email = me.Email
	}
	switch {
	case ow != nil && ow.Email != "":
		organizer = &ical.Person{Name: ow.Name, Email: ow.Email}
	case me != nil:
		organizer = &ical.Person{Name: me.Name, Email: me.Email}
		inv.selfOrganized = me.Name + " <" + me.Email + ">"
		guests.add(person{Name: me.Name, Email: me.Email, Role: ical.RoleRequired})
	}

	var attendees []ical.Attendee
	var listed []person // named in the description instead
	for _, g := range guests {
		if g.Email == "" {
			inv.unreached = append(inv.unreached, g)
		}
		if g.Email == "" || organizer == nil {
			listed = append(listed, g)
			continue
		}
		attendees = append(attendees, ical.Attendee{
			Person:   ical.Person{Name: g.Name, Email: g.Email},
			Role:     g.Role,
			Accepted: strings.EqualFold(g.Email, organizer.Email),
		})
	}
	inv.attendees = len(attendees)

	// The same link pm message and pm actions give: repo_url + escaped path, or the path.
	link, url := p.Link(e.Path), ""
	if p.Config.RepoURL != "" {
		url = link
	}
	ev := ical.Event{
		UID:         eventUID(p, e.ID),
		Sequence:    min(max(sequence(now), after+1), maxSequence),
		Stamp:       now,
		Start:       at,
		End:         at.Add(o.Duration),
		Summary:     oneLine(docLanguage(e.Doc.Content()).T("agenda.summary", fm.Severity, fm.Title)), // in the document's language, as the agenda
		Description: agenda(agendaInput{Fields: fm, X: e.Doc.Content(), Link: link, Unlisted: listed, Loc: c.Location()}),
		Location:    strings.TrimSpace(o.Location),
		URL:         url,
		Attendees:   attendees,
	}
	cal := ical.Calendar{ProdID: prodID, Events: []ical.Event{ev}}
	if organizer != nil && len(attendees) > 0 {
		cal.Method = ical.MethodRequest
		cal.Events[0].Organizer = organizer
	}
	if inv.data, err = cal.Encode(); err != nil {
		return invite{}, fmt.Errorf("invitation for %s: %w", e.ID, err)
	}
	return inv, nil
}

// timeRange is a meeting's start and end as pm shows them: the end's time alone when it falls on the
// same day in the same zone abbreviation, else with what differs (the day after midnight, the zone
// after a change to or from summer time), so that the end never reads as before the start.
func timeRange(lang i18n.Lang, start, end time.Time) string {
	sz, _ := start.Zone()
	ez, _ := end.Zone()
	switch {
	case start.Format("2006-01-02") != end.Format("2006-01-02"):
		return lang.DayTime(start) + "–" + lang.DayTime(end)
	case sz != ez:
		return lang.DayTime(start) + "–" + end.Format("15:04 MST")
	}
	return lang.DayTime(start) + "–" + end.Format("15:04")
}
