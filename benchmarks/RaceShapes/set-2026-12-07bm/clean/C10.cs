using System.Collections.Frozen;
using System.Collections.Generic;
using Microsoft.Extensions.Hosting;

namespace Blind65.QuiltingBees.Fabrics;

public sealed record FabricSwatch(string Code, string Name, string Colourway, decimal PricePerMetre);

public interface ISwatchCatalogue
{
    Task<IReadOnlyList<string>> ListCodesAsync(CancellationToken token);
    Task<FabricSwatch> FetchAsync(string code, CancellationToken token);
}

/// <summary>
/// Read-only lookup of the guild's fabric swatches, used by the block planner.
/// Populated once by <see cref="SwatchWarmup"/> before the app takes traffic.
/// </summary>
public sealed class SwatchLookup
{
    private FrozenDictionary<string, FabricSwatch> _swatches = FrozenDictionary<string, FabricSwatch>.Empty;

    public bool TryGet(string code, out FabricSwatch? swatch) => Volatile.Read(ref _swatches).TryGetValue(code, out swatch);

    public int Count => Volatile.Read(ref _swatches).Count;

    internal void Publish(FrozenDictionary<string, FabricSwatch> swatches) => Volatile.Write(ref _swatches, swatches);
}

public sealed class SwatchWarmup : IHostedService
{
    private readonly ISwatchCatalogue _catalogue;
    private readonly SwatchLookup _lookup;

    public SwatchWarmup(ISwatchCatalogue catalogue, SwatchLookup lookup)
    {
        _catalogue = catalogue;
        _lookup = lookup;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var codes = await _catalogue.ListCodesAsync(cancellationToken);
        using var throttle = new SemaphoreSlim(6);

        var fetches = codes.Select(async code =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await _catalogue.FetchAsync(code, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                throttle.Release();
            }
        }).ToList();

        FabricSwatch[] swatches = await Task.WhenAll(fetches);

        var map = new Dictionary<string, FabricSwatch>(swatches.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var swatch in swatches)
        {
            map[swatch.Code] = swatch;
        }
        _lookup.Publish(map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
