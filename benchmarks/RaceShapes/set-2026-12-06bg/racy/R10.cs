using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind59.OrganBuilders.Plugins;

/// <summary>
/// Calculates pipe scaling for one family of organ stops (principals, flutes, reeds...).
/// </summary>
public interface IStopScalingPlugin
{
    string Family { get; }
    double DiameterMillimetres(int midiNote, double halvingRatio);
}

public sealed class PrincipalScaling : IStopScalingPlugin
{
    public string Family => "principal";
    public double DiameterMillimetres(int midiNote, double halvingRatio) =>
        155.5 * Math.Pow(0.5, (midiNote - 36) / (double)halvingRatio);
}

/// <summary>
/// Registry of stop scaling plugins used by the workshop's pipe design service.
/// Built-in plugins are registered at start-up; plugins dropped in the plugins folder
/// are loaded in the background so start-up is not held up by slow network shares.
/// </summary>
public sealed class ScalingPluginRegistry : IHostedService
{
    private readonly Dictionary<string, IStopScalingPlugin> _plugins = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _pluginFolder;
    private readonly ILogger<ScalingPluginRegistry> _logger;

    public ScalingPluginRegistry(string pluginFolder, ILogger<ScalingPluginRegistry> logger)
    {
        _pluginFolder = pluginFolder;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Register(new PrincipalScaling());
        _ = Task.Run(LoadFolderPlugins, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called by the design API for each pipe rank being calculated.</summary>
    public IStopScalingPlugin? Find(string family)
    {
        return _plugins.TryGetValue(family, out var plugin) ? plugin : null;
    }

    private void Register(IStopScalingPlugin plugin)
    {
        _plugins[plugin.Family] = plugin;
        _logger.LogInformation("Registered scaling plugin for {Family}", plugin.Family);
    }

    private void LoadFolderPlugins()
    {
        if (!Directory.Exists(_pluginFolder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(_pluginFolder, "*.dll"))
        {
            try
            {
                var assembly = Assembly.LoadFrom(file);
                foreach (var type in assembly.GetExportedTypes())
                {
                    if (typeof(IStopScalingPlugin).IsAssignableFrom(type) && !type.IsAbstract
                        && Activator.CreateInstance(type) is IStopScalingPlugin plugin)
                    {
                        Register(plugin);
                    }
                }
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or TypeLoadException)
            {
                _logger.LogWarning(ex, "Skipping plugin file {File}", file);
            }
        }
    }
}

/// <summary>
/// Endpoint used by the drawing office to size a whole rank of pipes.
/// </summary>
public static class RankScalingEndpoint
{
    public static IResult Scale(ScalingPluginRegistry registry, string family, int lowestNote, int pipes, double halvingRatio)
    {
        var plugin = registry.Find(family);
        if (plugin is null)
        {
            return Results.NotFound($"No scaling plugin for '{family}'.");
        }

        var diameters = Enumerable.Range(lowestNote, pipes)
            .Select(note => Math.Round(plugin.DiameterMillimetres(note, halvingRatio), 1))
            .ToArray();
        return Results.Ok(diameters);
    }
}
