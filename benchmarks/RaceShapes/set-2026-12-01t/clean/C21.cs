using System.Collections.Immutable;

namespace Theatre.CueStack;

public sealed record Cue(decimal Number, string Label, ImmutableDictionary<int, byte> Levels, TimeSpan Fade);

/// <summary>
/// The show's cue list. Edited by the programmer at the desk while the
/// playback engine and the remote focus app read it continuously from their
/// own threads.
/// </summary>
public sealed class CueStack
{
    private readonly object _editLock = new();
    private volatile ImmutableSortedDictionary<decimal, Cue> _cues = ImmutableSortedDictionary<decimal, Cue>.Empty;

    public IEnumerable<Cue> All => _cues.Values;

    public Cue? Find(decimal number) => _cues.TryGetValue(number, out var cue) ? cue : null;

    public Cue? After(decimal number)
    {
        var snapshot = _cues;
        foreach (var (key, cue) in snapshot)
        {
            if (key > number)
            {
                return cue;
            }
        }
        return null;
    }

    public void Record(Cue cue)
    {
        lock (_editLock)
        {
            _cues = _cues.SetItem(cue.Number, cue);
        }
    }

    public bool Delete(decimal number)
    {
        lock (_editLock)
        {
            var before = _cues;
            _cues = before.Remove(number);
            return _cues.Count != before.Count;
        }
    }

    public void Renumber(decimal from, decimal to)
    {
        lock (_editLock)
        {
            if (!_cues.TryGetValue(from, out var cue) || _cues.ContainsKey(to))
            {
                return;
            }
            _cues = _cues.Remove(from).SetItem(to, cue with { Number = to });
        }
    }
}

/// <summary>
/// Playback fader: steps through the cue list on GO presses from the desk hardware.
/// </summary>
public sealed class PlaybackEngine
{
    private readonly CueStack _stack;
    private readonly Action<Cue> _output;
    private decimal _current;

    public PlaybackEngine(CueStack stack, Action<Cue> output)
    {
        _stack = stack;
        _output = output;
    }

    public async Task RunAsync(IAsyncEnumerable<string> buttonPresses, CancellationToken ct)
    {
        await foreach (var press in buttonPresses.WithCancellation(ct))
        {
            if (press == "GO" && _stack.After(_current) is { } next)
            {
                _output(next);
                _current = next.Number;
            }
            else if (press == "BACK")
            {
                _current = 0;
            }
        }
    }
}
