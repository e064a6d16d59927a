namespace Blind54.Coaster.Cycles;

public sealed class CycleCompletedEventArgs : EventArgs
{
    public CycleCompletedEventArgs(int trainNumber, TimeSpan duration)
    {
        TrainNumber = trainNumber;
        Duration = duration;
    }

    public int TrainNumber { get; }
    public TimeSpan Duration { get; }
}

/// <summary>
/// Receives frames from the block-section sensors and raises <see cref="CycleCompleted"/>
/// on a pool thread for every train that returns to the station.
/// </summary>
public sealed class StationSensorHub
{
    public event EventHandler<CycleCompletedEventArgs>? CycleCompleted;

    public void OnFrame(int trainNumber, TimeSpan duration)
    {
        ThreadPool.QueueUserWorkItem(_ =>
            CycleCompleted?.Invoke(this, new CycleCompletedEventArgs(trainNumber, duration)));
    }
}

/// <summary>
/// Counts ride cycles for the maintenance schedule (wheel assemblies are inspected every
/// 2,000 cycles). Increments are spread over per-thread slots to keep the sensor callbacks
/// cheap; the maintenance dashboard sums the slots.
/// </summary>
public sealed class RideCycleCounter
{
    private readonly long[] _slots;

    public RideCycleCounter()
    {
        _slots = new long[Environment.ProcessorCount * 2];
    }

    public void Attach(StationSensorHub hub)
    {
        hub.CycleCompleted += (_, _) => RecordCycle();
    }

    public void RecordCycle()
    {
        var slot = Environment.CurrentManagedThreadId % _slots.Length;
        _slots[slot]++;
    }

    public long Total
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _slots.Length; i++)
            {
                total += Volatile.Read(ref _slots[i]);
            }

            return total;
        }
    }

    public bool InspectionDue(long lastInspectionAt) => Total - lastInspectionAt >= 2_000;
}
