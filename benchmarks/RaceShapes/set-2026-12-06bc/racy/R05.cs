namespace Blind55.Racy.R05;

/// <summary>
/// Percentage rollout for the new night-sky tour checkout. Registered as a singleton: the
/// admin endpoint changes the percentage while booking requests evaluate it.
/// </summary>
public sealed class TourCheckoutRollout
{
    private const int BucketCount = 100;
    private readonly bool[] _enabledBuckets = new bool[BucketCount];
    private int _percentage;

    public int Percentage => Volatile.Read(ref _percentage);

    public void SetPercentage(int percent)
    {
        percent = Math.Clamp(percent, 0, BucketCount);

        Array.Clear(_enabledBuckets);
        for (int i = 0; i < percent; i++)
        {
            _enabledBuckets[i] = true;
        }

        Volatile.Write(ref _percentage, percent);
    }

    public bool IsEnabled(string customerId)
    {
        int bucket = BucketFor(customerId);
        return _enabledBuckets[bucket];
    }

    private static int BucketFor(string customerId)
    {
        // FNV-1a so a customer lands in the same bucket across restarts.
        uint hash = 2166136261;
        foreach (char c in customerId)
        {
            hash ^= c;
            hash *= 16777619;
        }

        return (int)(hash % BucketCount);
    }
}

public sealed class TourCheckoutEndpoints
{
    private readonly TourCheckoutRollout _rollout;

    public TourCheckoutEndpoints(TourCheckoutRollout rollout) => _rollout = rollout;

    public string ChooseCheckout(string customerId) =>
        _rollout.IsEnabled(customerId) ? "checkout-v2" : "checkout-v1";

    public int UpdateRollout(int percent)
    {
        _rollout.SetPercentage(percent);
        return _rollout.Percentage;
    }

    public async Task<int> SimulateTrafficAsync(IReadOnlyList<string> customers, CancellationToken ct)
    {
        int v2 = 0;
        await Parallel.ForEachAsync(customers, ct, (customer, _) =>
        {
            if (ChooseCheckout(customer) == "checkout-v2")
            {
                Interlocked.Increment(ref v2);
            }
            return ValueTask.CompletedTask;
        });
        return v2;
    }
}
