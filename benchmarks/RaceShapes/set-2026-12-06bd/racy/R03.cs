using System.Text;

namespace Blind56.Choir.RehearsalNotes;

public readonly record struct TextEdit(int Position, int DeleteCount, string Insert, string AuthorId);

/// <summary>
/// Shared rehearsal notes edited live by the choir director and section leaders.
/// Every connected singer has a sync session; edits arrive from many connections at once.
/// </summary>
public sealed class RehearsalNotesDocument
{
    private readonly object _sync = new();
    private readonly List<TextEdit> _history = new();
    private readonly StringBuilder _text = new();

    public int Revision
    {
        get { lock (_sync) { return _history.Count; } }
    }

    public string Text
    {
        get { lock (_sync) { return _text.ToString(); } }
    }

    public (int Revision, TextEdit Applied) Submit(int baseRevision, TextEdit edit)
    {
        lock (_sync)
        {
            if (baseRevision < 0 || baseRevision > _history.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(baseRevision));
            }

            var transformed = edit;
            for (int i = baseRevision; i < _history.Count; i++)
            {
                transformed = TransformAgainst(transformed, _history[i]);
            }

            int position = Math.Clamp(transformed.Position, 0, _text.Length);
            int deleteCount = Math.Min(transformed.DeleteCount, _text.Length - position);
            _text.Remove(position, deleteCount).Insert(position, transformed.Insert);
            transformed = transformed with { Position = position, DeleteCount = deleteCount };

            _history.Add(transformed);
            return (_history.Count, transformed);
        }
    }

    public IEnumerable<TextEdit> GetEditsSince(int revision)
    {
        lock (_sync)
        {
            return _history.Skip(revision);
        }
    }

    private static TextEdit TransformAgainst(TextEdit incoming, TextEdit applied)
    {
        int appliedEnd = applied.Position + applied.DeleteCount;
        int shift = applied.Insert.Length - applied.DeleteCount;

        if (incoming.Position < applied.Position)
        {
            return incoming;
        }

        if (incoming.Position >= appliedEnd)
        {
            return incoming with { Position = incoming.Position + shift };
        }

        // The incoming edit starts inside a deleted range: move it to the end of the replacement.
        return incoming with { Position = applied.Position + applied.Insert.Length };
    }
}

/// <summary>Pushes edits made by others down to one singer's browser connection.</summary>
public sealed class NotesSyncSession
{
    private readonly RehearsalNotesDocument _document;
    private readonly Func<TextEdit, CancellationToken, Task> _send;
    private int _lastSent;

    public NotesSyncSession(RehearsalNotesDocument document, Func<TextEdit, CancellationToken, Task> send)
    {
        _document = document;
        _send = send;
    }

    public async Task RunAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(pollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var edit in _document.GetEditsSince(_lastSent))
            {
                await _send(edit, cancellationToken).ConfigureAwait(false);
                _lastSent++;
            }
        }
    }
}
