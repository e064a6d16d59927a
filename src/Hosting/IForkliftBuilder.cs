using Microsoft.Extensions.DependencyInjection;

namespace Forklift.Hosting;

/// <summary>Returned by <c>AddForklift</c>, to add named pools: <c>services.AddForklift().AddWorkerPool("images", …)</c>.</summary>
public interface IForkliftBuilder
{
    /// <summary>The service collection Forklift was added to.</summary>
    IServiceCollection Services { get; }
}

internal sealed class ForkliftBuilder(IServiceCollection services) : IForkliftBuilder
{
    public IServiceCollection Services { get; } = services;
}
