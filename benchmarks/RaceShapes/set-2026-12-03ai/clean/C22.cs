using System.Collections.Immutable;

namespace Blind35.Wicker.Workshop;

public sealed record WeaveContext(string OrderId, ImmutableList<string> Steps)
{
    public WeaveContext With(string step) => this with { Steps = Steps.Add(step) };
}

/// <summary>
/// Ambient context for a basket order as it moves through the workshop pipeline. Each flow
/// sees its own immutable context; adding a step replaces the value for that flow only.
/// </summary>
public static class WeaveScope
{
    private static readonly AsyncLocal<WeaveContext?> Current = new();

    public static WeaveContext? Value => Current.Value;

    public static void Begin(string orderId) => Current.Value = new WeaveContext(orderId, ImmutableList<string>.Empty);

    public static void Step(string step)
    {
        var ctx = Current.Value;
        if (ctx is not null)
        {
            Current.Value = ctx.With(step);
        }
    }
}

public interface IWillowStore
{
    Task<int> ReserveRodsAsync(string variety, int count, CancellationToken ct);
}

public sealed record BasketPlan(string OrderId, IReadOnlyList<string> Varieties, IReadOnlyList<string> Trail);

/// <summary>Reserves willow for each variety used by a basket, in parallel.</summary>
public sealed class BasketPlanner
{
    private readonly IWillowStore _store;

    public BasketPlanner(IWillowStore store) => _store = store;

    public async Task<BasketPlan> PlanAsync(string orderId, IReadOnlyList<(string Variety, int Rods)> needs, CancellationToken ct)
    {
        WeaveScope.Begin(orderId);
        WeaveScope.Step("planning started");

        var reservations = await Task.WhenAll(needs.Select(n => ReserveAsync(n.Variety, n.Rods, ct)));

        WeaveScope.Step($"reserved {reservations.Sum(r => r.Rods)} rods");
        var trail = reservations.SelectMany(r => r.Trail).Concat(WeaveScope.Value!.Steps).ToList();
        return new BasketPlan(orderId, reservations.Select(r => r.Variety).ToList(), trail);
    }

    private async Task<(string Variety, int Rods, IReadOnlyList<string> Trail)> ReserveAsync(string variety, int rods, CancellationToken ct)
    {
        var reserved = await _store.ReserveRodsAsync(variety, rods, ct);
        WeaveScope.Step($"{variety}: {reserved}/{rods} rods");
        var ctx = WeaveScope.Value!;
        return (variety, reserved, ctx.Steps.Skip(1).ToList());
    }
}
