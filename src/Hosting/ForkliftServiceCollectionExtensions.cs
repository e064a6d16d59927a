using Forklift;
using Forklift.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Forklift worker pools to an app's services.</summary>
/// <remarks>
/// <para>The default pool is registered as <see cref="WorkerPool"/> and <see cref="IWorkerPool"/>; named pools (see
/// <see cref="ForkliftBuilderExtensions.AddWorkerPool(IForkliftBuilder, string, Action{WorkerPoolOptions})"/>) as keyed
/// services under their name. Every pool is a singleton created on first use, or when the host starts.</para>
/// <para>While the host runs, the default pool is also <see cref="ParallelDefaults.Pool"/>, so the generated
/// <c>XAsync(…)</c> overloads without a pool parameter use it. When the host stops, each pool refuses new calls, lets the
/// calls in flight finish within <c>HostOptions.ShutdownTimeout</c>, and stops its workers; what is still
/// running when that timeout ends is killed. The pools are drained after the app's other hosted services (ASP.NET
/// Core's server included) have stopped, so requests still in flight can finish their calls.</para>
/// </remarks>
public static class ForkliftServiceCollectionExtensions
{
    /// <summary>Adds the default Forklift pool with default settings (one worker per core).</summary>
    public static IForkliftBuilder AddForklift(this IServiceCollection services) => services.AddForklift(static _ => { });

    /// <summary>Adds the default Forklift pool, configured in code.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets the default pool's options; validated when the host starts.</param>
    public static IForkliftBuilder AddForklift(this IServiceCollection services, Action<WorkerPoolOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<WorkerPoolOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Adds the default Forklift pool, with its settings (and those of named pools under <c>Pools</c>) bound from
    /// configuration, typically <c>builder.Configuration.GetSection("Forklift")</c>.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configuration">A section whose keys are <see cref="WorkerPoolOptions"/> and
    /// <see cref="ForkliftHostingOptions"/> properties; its <c>Pools</c> child holds one section per named pool.</param>
    /// <example>
    /// <code>
    /// "Forklift": {
    ///   "Workers": 4, "TaskTimeout": "00:00:30", "WarmUpOnStart": true,
    ///   "EnvironmentVariables": { "DOTNET_gcServer": "0" },
    ///   "Pools": { "images": { "Workers": 2, "MaxWorkerMemory": 1073741824 } }
    /// }
    /// </code>
    /// </example>
    public static IForkliftBuilder AddForklift(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkerPoolOptions>().Bind(configuration);
        services.AddOptions<ForkliftHostingOptions>().Bind(configuration);
        IForkliftBuilder builder = AddCore(services);
        foreach (IConfigurationSection pool in configuration.GetSection("Pools").GetChildren())
        {
            builder.AddWorkerPool(pool.Key, pool);
        }

        return builder;
    }

    private static IForkliftBuilder AddCore(IServiceCollection services)
    {
        var builder = new ForkliftBuilder(services);
        if (services.Any(static d => d.ServiceType == typeof(ForkliftPoolRegistration) && !d.IsKeyedService && d.ImplementationInstance is ForkliftPoolRegistration { IsDefault: true }))
        {
            // AddForklift called twice (for example once from a library, once from the app): the options calls add
            // up, the services stay registered once.
            return builder;
        }

        services.AddOptions();
        services.AddOptions<WorkerPoolOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerPoolOptions>, WorkerPoolOptionsValidator>());
        services.AddSingleton(new ForkliftPoolRegistration(Options.Options.DefaultName));
        services.TryAddSingleton(static sp => ForkliftPoolRegistration.Create(sp, Options.Options.DefaultName));
        services.TryAddSingleton<IWorkerPool>(static sp => sp.GetRequiredService<WorkerPool>());
        services.AddHostedService<ForkliftHostedService>();
        return builder;
    }
}
