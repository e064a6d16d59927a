using System.Threading.Channels;

namespace Blind31.PuppetTheatres.Audience;

public sealed class ApplauseEventArgs : EventArgs
{
    public ApplauseEventArgs(int microphone, double decibels, DateTime atUtc)
    {
        Microphone = microphone;
        Decibels = decibels;
        AtUtc = atUtc;
    }

    public int Microphone { get; }

    public double Decibels { get; }

    public DateTime AtUtc { get; }
}

public sealed record ApplauseSummary(int Peaks, double LoudestDb, DateTime? LoudestAtUtc);

/// <summary>
/// Listens to the auditorium microphones during a marionette performance and keeps an
/// applause summary for the company's show report. Microphone events are raised on the
/// audio driver's threads.
/// </summary>
public sealed class ApplauseMeter
{
    private readonly Channel<ApplauseEventArgs> _events = Channel.CreateUnbounded<ApplauseEventArgs>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<ApplauseEventArgs, Task<bool>> _isGenuineApplause;
    private readonly Task _aggregator;
    private ApplauseSummary _summary = new(0, 0, null);

    public ApplauseMeter(Func<ApplauseEventArgs, Task<bool>> isGenuineApplause)
    {
        _isGenuineApplause = isGenuineApplause;
        _aggregator = Task.Run(AggregateAsync);
    }

    public ApplauseSummary Summary => Volatile.Read(ref _summary);

    /// <summary>Attached to each microphone's PeakDetected event.</summary>
    public async void OnPeakDetected(object? sender, ApplauseEventArgs e)
    {
        try
        {
            // Filter out coughs and dropped programmes before counting.
            if (await _isGenuineApplause(e).ConfigureAwait(false))
            {
                _events.Writer.TryWrite(e);
            }
        }
        catch (Exception)
        {
            // A misclassified peak is not worth interrupting the show for.
        }
    }

    private async Task AggregateAsync()
    {
        int peaks = 0;
        double loudest = 0;
        DateTime? loudestAt = null;

        await foreach (var e in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            peaks++;
            if (e.Decibels > loudest)
            {
                loudest = e.Decibels;
                loudestAt = e.AtUtc;
            }

            Volatile.Write(ref _summary, new ApplauseSummary(peaks, loudest, loudestAt));
        }
    }

    public async Task<ApplauseSummary> CompleteAsync()
    {
        _events.Writer.TryComplete();
        await _aggregator.ConfigureAwait(false);
        return Summary;
    }
}
