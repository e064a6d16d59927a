using System.Collections.Concurrent;

namespace Blind45.TheatreLighting.CueSheets;

public sealed record CueLine(decimal Number, string Label, double FadeSeconds, string Notes);

public sealed record CueSheetSnapshot(string SheetId, int Revision, IReadOnlyList<CueLine> Cues);

public sealed record CueEdit(string Author, decimal Number, string? Label, double? FadeSeconds, string? Notes, bool Delete);

/// <summary>
/// Collaboration server for cue sheets: the lighting designer, the programmer and the
/// stage manager edit the same sheet from their own laptops. Edits to one sheet are
/// applied one at a time; everyone connected receives the new revision.
/// </summary>
public sealed class CueSheetCollaboration
{
    private sealed class Sheet
    {
        public readonly object Gate = new();
        public readonly SortedDictionary<decimal, CueLine> Cues = new();
        public int Revision;
        public readonly List<Action<CueSheetSnapshot>> Viewers = new();
    }

    private readonly ConcurrentDictionary<string, Sheet> _sheets = new(StringComparer.OrdinalIgnoreCase);

    public CueSheetSnapshot Join(string sheetId, Action<CueSheetSnapshot> onRevision)
    {
        var sheet = _sheets.GetOrAdd(sheetId, _ => new Sheet());
        lock (sheet.Gate)
        {
            sheet.Viewers.Add(onRevision);
            return Snapshot(sheetId, sheet);
        }
    }

    public void Leave(string sheetId, Action<CueSheetSnapshot> onRevision)
    {
        if (_sheets.TryGetValue(sheetId, out var sheet))
        {
            lock (sheet.Gate)
            {
                sheet.Viewers.Remove(onRevision);
            }
        }
    }

    public int Apply(string sheetId, int baseRevision, CueEdit edit)
    {
        var sheet = _sheets.GetOrAdd(sheetId, _ => new Sheet());
        CueSheetSnapshot snapshot;
        Action<CueSheetSnapshot>[] viewers;

        lock (sheet.Gate)
        {
            if (baseRevision != sheet.Revision && sheet.Cues.ContainsKey(edit.Number))
            {
                // The cue changed since the author loaded it; they must refresh first.
                return -1;
            }

            if (edit.Delete)
            {
                sheet.Cues.Remove(edit.Number);
            }
            else
            {
                sheet.Cues.TryGetValue(edit.Number, out var existing);
                sheet.Cues[edit.Number] = new CueLine(
                    edit.Number,
                    edit.Label ?? existing?.Label ?? "",
                    edit.FadeSeconds ?? existing?.FadeSeconds ?? 3,
                    edit.Notes ?? existing?.Notes ?? "");
            }

            sheet.Revision++;
            snapshot = Snapshot(sheetId, sheet);
            viewers = sheet.Viewers.ToArray();
        }

        foreach (var viewer in viewers)
        {
            viewer(snapshot);
        }

        return snapshot.Revision;
    }

    private static CueSheetSnapshot Snapshot(string sheetId, Sheet sheet) =>
        new(sheetId, sheet.Revision, sheet.Cues.Values.ToArray());
}
