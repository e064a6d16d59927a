namespace Blind55.Clean.C19;

/// <summary>An immutable rollout plan: which of the 100 buckets see the feature.</summary>
public sealed class RolloutPlan
{
    public const int BucketCount = 100;
    private readonly bool[] _enabled;

    public RolloutPlan(int percentage, IEnumerable<string> alwaysOn)
    {
        Percentage = Math.Clamp(percentage, 0, BucketCount);
        _enabled = new bool[BucketCount];
        for (int i = 0; i < Percentage; i++)
        {
            _enabled[i] = true;
        }

        AlwaysOn = new HashSet<string>(alwaysOn, StringComparer.Ordinal);
    }

    public int Percentage { get; }
    public IReadOnlySet<string> AlwaysOn { get; }

    public bool IsBucketEnabled(int bucket) => _enabled[bucket];
}

/// <summary>
/// Percentage rollout of the new tennis court booking calendar. Registered as a singleton: the admin
/// endpoint changes the plan while booking requests evaluate it.
/// </summary>
public sealed class CourtCalendarRollout
{
    private RolloutPlan _plan = new(0, Array.Empty<string>());

    public int Percentage => Volatile.Read(ref _plan).Percentage;

    public void SetPercentage(int percent)
    {
        while (true)
        {
            var current = Volatile.Read(ref _plan);
            var next = new RolloutPlan(percent, current.AlwaysOn);
            if (Interlocked.CompareExchange(ref _plan, next, current) == current)
            {
                return;
            }
        }
    }

    public void AddTester(string memberId)
    {
        while (true)
        {
            var current = Volatile.Read(ref _plan);
            var next = new RolloutPlan(current.Percentage, current.AlwaysOn.Append(memberId));
            if (Interlocked.CompareExchange(ref _plan, next, current) == current)
            {
                return;
            }
        }
    }

    public bool IsEnabled(string memberId)
    {
        var plan = Volatile.Read(ref _plan);
        return plan.AlwaysOn.Contains(memberId) || plan.IsBucketEnabled(BucketFor(memberId));
    }

    private static int BucketFor(string memberId)
    {
        uint hash = 2166136261;
        foreach (char c in memberId)
        {
            hash ^= c;
            hash *= 16777619;
        }

        return (int)(hash % RolloutPlan.BucketCount);
    }
}
