using System.Collections.Concurrent;

namespace Blind58.TandemHire;

public sealed class BikeHold
{
    public BikeHold(Guid id, int bikes, string customer)
    {
        Id = id;
        Bikes = bikes;
        Customer = customer;
    }

    public Guid Id { get; }
    public int Bikes { get; }
    public string Customer { get; }
    public bool Released;
}

/// <summary>
/// Tracks how many tandems are free at the hire shop. Holds are placed when a customer
/// starts checkout and expire automatically if checkout is not completed in time.
/// The fleet is an app-wide singleton used by the website and the counter tablets.
/// </summary>
public sealed class TandemFleet
{
    private readonly ConcurrentDictionary<Guid, BikeHold> _holds = new();
    private int _available;

    public TandemFleet(int fleetSize)
    {
        _available = fleetSize;
    }

    public int Available => Volatile.Read(ref _available);

    public BikeHold? TryHold(string customer, int bikes, TimeSpan holdFor)
    {
        while (true)
        {
            int current = Volatile.Read(ref _available);
            if (current < bikes)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _available, current - bikes, current) == current)
            {
                break;
            }
        }

        var hold = new BikeHold(Guid.NewGuid(), bikes, customer);
        _holds[hold.Id] = hold;

        var expiry = new CancellationTokenSource(holdFor);
        expiry.Token.Register(() => Release(hold));

        return hold;
    }

    public bool Complete(BikeHold hold)
    {
        if (hold.Released)
        {
            return false;
        }

        // The bikes go out on hire; they come back through ReturnBikes when the ride ends.
        hold.Released = true;
        _holds.TryRemove(hold.Id, out _);
        return true;
    }

    public void ReturnBikes(int bikes) => Interlocked.Add(ref _available, bikes);

    public void Cancel(Guid holdId)
    {
        if (_holds.TryGetValue(holdId, out var hold))
        {
            Release(hold);
        }
    }

    private void Release(BikeHold hold)
    {
        if (hold.Released)
        {
            return;
        }

        hold.Released = true;
        _holds.TryRemove(hold.Id, out _);
        Interlocked.Add(ref _available, hold.Bikes);
    }
}
