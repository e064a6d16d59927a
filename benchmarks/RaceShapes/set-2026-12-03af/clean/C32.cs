using System.Threading.Channels;

namespace Blind32.Planetarium.Cues;

public sealed record ShowCue(int Number, string Kind, TimeSpan Offset);

public sealed class CueEventArgs : EventArgs
{
    public CueEventArgs(ShowCue cue) => Cue = cue;

    public ShowCue Cue { get; }
}

/// <summary>Projector controller; raises <see cref="CueReached"/> from its playback thread.</summary>
public interface IDomeProjector
{
    event EventHandler<CueEventArgs>? CueReached;
    event EventHandler? ShowEnded;
}

/// <summary>
/// Keeps the operator's cue log for a planetarium show. Cue events arrive on
/// the projector's playback thread; they are forwarded into a channel and a
/// single reader writes the log, which is handed back when the show ends.
/// </summary>
public sealed class CueLogRecorder
{
    private readonly Channel<ShowCue> _cues = Channel.CreateUnbounded<ShowCue>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<ShowCue, Task<string>> _describe;

    public CueLogRecorder(IDomeProjector projector, Func<ShowCue, Task<string>> describe)
    {
        _describe = describe;
        projector.CueReached += OnCueReached;
        projector.ShowEnded += (_, _) => _cues.Writer.TryComplete();
    }

    private async void OnCueReached(object? sender, CueEventArgs e)
    {
        try
        {
            await _cues.Writer.WriteAsync(e.Cue).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Late cue after the show ended; nothing to log.
        }
    }

    public async Task<IReadOnlyList<string>> RecordShowAsync(CancellationToken ct)
    {
        var log = new List<string>();
        var lastOffset = TimeSpan.Zero;

        await foreach (var cue in _cues.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            var description = await _describe(cue).ConfigureAwait(false);
            var gap = cue.Offset - lastOffset;
            lastOffset = cue.Offset;
            log.Add($"{cue.Offset:mm\\:ss} (+{gap.TotalSeconds:F0}s) #{cue.Number} {cue.Kind}: {description}");
        }

        return log;
    }
}
