using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Falconry.Flights;

public sealed record Bird(string Name, string Species);

/// <summary>
/// Coordinates free-flight displays at the falconry centre. Handlers start flights from
/// the booking app; the duty falconer can recall every bird at once from the tower panel.
/// A single instance serves the whole centre.
/// </summary>
public sealed class FlightCoordinator
{
    private readonly object _gate = new();
    private CancellationTokenSource _recallCts = new();
    private int _birdsAloft;

    public int BirdsAloft => Volatile.Read(ref _birdsAloft);

    /// <summary>Flies the bird for the given time; returns false if it was recalled early.</summary>
    public async Task<bool> FlyAsync(Bird bird, TimeSpan duration)
    {
        CancellationToken recall;
        lock (_gate)
        {
            recall = _recallCts.Token;
        }

        Interlocked.Increment(ref _birdsAloft);
        try
        {
            await Task.Delay(duration, recall);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _birdsAloft);
        }
    }

    /// <summary>Whistles every bird back to the glove.</summary>
    public void RecallAll()
    {
        var previous = _recallCts;
        _recallCts = new CancellationTokenSource();
        previous.Cancel();
        previous.Dispose();
    }
}

/// <summary>The afternoon display: several birds flown back to back by different handlers.</summary>
public static class AfternoonDisplay
{
    public static async Task<int> RunAsync(FlightCoordinator coordinator, Bird[] birds, TimeSpan perBird)
    {
        var flights = new Task<bool>[birds.Length];
        for (int i = 0; i < birds.Length; i++)
        {
            flights[i] = coordinator.FlyAsync(birds[i], perBird);
        }

        var completed = await Task.WhenAll(flights);
        int fullFlights = 0;
        foreach (var ok in completed)
        {
            if (ok)
                fullFlights++;
        }
        return fullFlights;
    }
}
