namespace Blind54.VendingFleet.SlotStock;

/// <summary>
/// Stock level of every spiral slot across the vending fleet, keyed by "machine/slot".
/// Sales events, restock visits and the planogram editor all update it concurrently.
/// Keys are spread over a fixed set of stripes, each with its own lock and map.
/// </summary>
public sealed class SlotStockMap
{
    private sealed class Stripe
    {
        public readonly object Gate = new();
        public readonly Dictionary<string, int> Counts = new(StringComparer.Ordinal);
    }

    private readonly Stripe[] _stripes;

    public SlotStockMap(int stripeCount = 32)
    {
        _stripes = new Stripe[stripeCount];
        for (var i = 0; i < stripeCount; i++)
        {
            _stripes[i] = new Stripe();
        }
    }

    private Stripe StripeFor(string key)
    {
        var hash = StringComparer.Ordinal.GetHashCode(key) & int.MaxValue;
        return _stripes[hash % _stripes.Length];
    }

    public void Restock(string machineId, int slot, int units)
    {
        var key = $"{machineId}/{slot}";
        var stripe = StripeFor(key);
        lock (stripe.Gate)
        {
            stripe.Counts[key] = stripe.Counts.GetValueOrDefault(key) + units;
        }
    }

    public bool TrySell(string machineId, int slot)
    {
        var key = $"{machineId}/{slot}";
        var stripe = StripeFor(key);
        lock (stripe.Gate)
        {
            var count = stripe.Counts.GetValueOrDefault(key);
            if (count <= 0)
            {
                return false;
            }

            stripe.Counts[key] = count - 1;
            return true;
        }
    }

    public int Get(string machineId, int slot)
    {
        var key = $"{machineId}/{slot}";
        var stripe = StripeFor(key);
        lock (stripe.Gate)
        {
            return stripe.Counts.GetValueOrDefault(key);
        }
    }

    /// <summary>Slots that need a visit; each stripe is inspected under its own lock.</summary>
    public IReadOnlyList<string> EmptySlots()
    {
        var empty = new List<string>();
        foreach (var stripe in _stripes)
        {
            lock (stripe.Gate)
            {
                empty.AddRange(stripe.Counts.Where(p => p.Value == 0).Select(p => p.Key));
            }
        }

        return empty;
    }
}
