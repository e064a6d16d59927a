using System.Collections.Concurrent;

namespace Blind47.ThemePark.Boarding;

public sealed record RiderGroup(int GroupId, int Size, bool FastPass);

/// <summary>
/// Boards rider groups onto the log flume. Groups are scanned at the turnstile
/// and loaded by whichever of the loading platforms is free.
/// </summary>
public sealed class FlumeBoarding : IDisposable
{
    private readonly BlockingCollection<RiderGroup> _line = new(boundedCapacity: 200);
    private readonly Task[] _platforms;
    private readonly int _boatCapacity;
    private int _ridersBoarded;
    private int _boatsDispatched;

    public FlumeBoarding(int platforms, int boatCapacity)
    {
        _boatCapacity = boatCapacity;
        _platforms = new Task[platforms];
        for (var i = 0; i < platforms; i++)
        {
            var platform = i + 1;
            _platforms[i] = Task.Factory.StartNew(() => LoadPlatform(platform), TaskCreationOptions.LongRunning);
        }
    }

    public int RidersBoarded => Volatile.Read(ref _ridersBoarded);

    public int BoatsDispatched => Volatile.Read(ref _boatsDispatched);

    public bool Scan(RiderGroup group, TimeSpan wait) => _line.TryAdd(group, wait);

    private void LoadPlatform(int platform)
    {
        var seats = 0;
        foreach (var group in _line.GetConsumingEnumerable())
        {
            if (group.Size > _boatCapacity)
            {
                // Split large parties over consecutive boats.
                seats = 0;
                Interlocked.Add(ref _boatsDispatched, (group.Size + _boatCapacity - 1) / _boatCapacity);
            }
            else if (seats + group.Size > _boatCapacity)
            {
                Interlocked.Increment(ref _boatsDispatched);
                seats = group.Size;
            }
            else
            {
                seats += group.Size;
            }

            _ridersBoarded += group.Size;
        }

        if (seats > 0)
        {
            Interlocked.Increment(ref _boatsDispatched);
        }
    }

    public async Task CloseForTheDayAsync()
    {
        _line.CompleteAdding();
        await Task.WhenAll(_platforms);
    }

    public void Dispose() => _line.Dispose();
}
