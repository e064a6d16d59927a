using System.Threading.Channels;

namespace Blind51.BellFoundries.Casting;

public sealed record MouldSlot(string BellName, double BronzeKg, int PitPosition);

/// <summary>
/// Schedules bronze pours in the foundry's casting pit. Mould slots arrive on a channel as
/// moulds are baked dry; once enough bronze is required to justify firing the furnace the
/// queued moulds are poured together. When the shift ends the scheduler is cancelled and any
/// moulds not yet poured are dropped from the queue so they are rescheduled the next day.
/// </summary>
public sealed class PourScheduler
{
    private readonly List<MouldSlot> _queued = new();
    private readonly Func<IReadOnlyList<MouldSlot>, CancellationToken, Task> _pour;
    private readonly double _minimumChargeKg;

    public PourScheduler(Func<IReadOnlyList<MouldSlot>, CancellationToken, Task> pour, double minimumChargeKg)
    {
        _pour = pour;
        _minimumChargeKg = minimumChargeKg;
    }

    public event Action<int>? MouldsDropped;

    public async Task RunAsync(ChannelReader<MouldSlot> dryMoulds, CancellationToken shiftEnd)
    {
        using var registration = shiftEnd.Register(() =>
        {
            int dropped = _queued.Count;
            _queued.Clear();
            MouldsDropped?.Invoke(dropped);
        });

        try
        {
            await foreach (var slot in dryMoulds.ReadAllAsync(shiftEnd).ConfigureAwait(false))
            {
                _queued.Add(slot);

                double charge = _queued.Sum(m => m.BronzeKg);
                if (charge < _minimumChargeKg) continue;

                var batch = _queued.ToArray();
                _queued.Clear();
                await _pour(batch, shiftEnd).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (shiftEnd.IsCancellationRequested)
        {
        }
    }
}

/// <summary>
/// Runs a foundry shift: the kiln releases dry moulds onto a channel, and the shift
/// supervisor's console cancels the shift at clocking-off time.
/// </summary>
public sealed class FoundryShift
{
    private readonly Channel<MouldSlot> _dryMoulds = Channel.CreateUnbounded<MouldSlot>();
    private readonly CancellationTokenSource _shiftEnd = new();
    private readonly PourScheduler _scheduler;

    public FoundryShift(Func<IReadOnlyList<MouldSlot>, CancellationToken, Task> pour)
    {
        _scheduler = new PourScheduler(pour, minimumChargeKg: 1800);
    }

    public Task Start() => Task.Run(() => _scheduler.RunAsync(_dryMoulds.Reader, _shiftEnd.Token));

    public bool MouldDried(MouldSlot slot) => _dryMoulds.Writer.TryWrite(slot);

    public void ClockOff() => _shiftEnd.Cancel();
}
