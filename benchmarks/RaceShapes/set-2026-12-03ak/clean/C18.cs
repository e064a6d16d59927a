using System.Collections.Concurrent;

namespace Blind37.ViolinVarnish.Mixing;

/// <summary>Scratch working buffer for computing a varnish mix; reused between mixes.</summary>
public sealed class MixWorkspace
{
    public double[] PigmentGrams { get; } = new double[16];
    public List<string> Steps { get; } = new();
    public double ResinGrams { get; set; }
    public double OilGrams { get; set; }

    public void Reset()
    {
        Array.Clear(PigmentGrams);
        Steps.Clear();
        ResinGrams = 0;
        OilGrams = 0;
    }
}

/// <summary>
/// Small pool of mix workspaces so the recipe endpoint does not allocate new buffers for
/// every request. Shared by all requests; a rented workspace belongs to the renter until
/// it is returned.
/// </summary>
public sealed class MixWorkspacePool
{
    private readonly ConcurrentBag<MixWorkspace> _items = new();
    private readonly int _maxRetained;
    private int _retained;

    public MixWorkspacePool(int maxRetained) => _maxRetained = maxRetained;

    public MixWorkspace Rent()
    {
        if (_items.TryTake(out var workspace))
        {
            Interlocked.Decrement(ref _retained);
            return workspace;
        }
        return new MixWorkspace();
    }

    public void Return(MixWorkspace workspace)
    {
        workspace.Reset();
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _items.Add(workspace);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}

public sealed record VarnishRecipe(string Name, double BatchGrams, double ResinRatio, IReadOnlyList<(int Pigment, double Ratio)> Pigments);

/// <summary>Works out the weighed quantities for the varnish maker's batches.</summary>
public sealed class VarnishMixCalculator
{
    private readonly MixWorkspacePool _pool;

    public VarnishMixCalculator(MixWorkspacePool pool) => _pool = pool;

    public string Calculate(VarnishRecipe recipe)
    {
        var workspace = _pool.Rent();
        try
        {
            workspace.ResinGrams = recipe.BatchGrams * recipe.ResinRatio;
            workspace.OilGrams = recipe.BatchGrams - workspace.ResinGrams;
            foreach (var (pigment, ratio) in recipe.Pigments)
            {
                workspace.PigmentGrams[pigment] += workspace.OilGrams * ratio;
                workspace.Steps.Add($"Grind pigment {pigment}: {workspace.OilGrams * ratio:F2} g");
            }
            workspace.Steps.Add($"Cook resin {workspace.ResinGrams:F1} g into oil {workspace.OilGrams:F1} g");
            return $"{recipe.Name}{Environment.NewLine}{string.Join(Environment.NewLine, workspace.Steps)}";
        }
        finally
        {
            _pool.Return(workspace);
        }
    }

    public IReadOnlyList<string> CalculateAll(IReadOnlyList<VarnishRecipe> recipes)
    {
        var sheets = new string[recipes.Count];
        Parallel.For(0, recipes.Count, i => sheets[i] = Calculate(recipes[i]));
        return sheets;
    }
}
