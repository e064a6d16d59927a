using Forklift;
using Forklift.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds named pools and hosting settings to a Forklift registration.</summary>
public static class ForkliftBuilderExtensions
{
    /// <summary>
    /// Adds a named pool, for work that should not share workers with the default pool (memory-hungry or slow
    /// calls, say). Resolve it as a keyed service: <c>[FromKeyedServices("images")] IWorkerPool pool</c>, or
    /// <c>services.GetRequiredKeyedService&lt;IWorkerPool&gt;("images")</c>, and pass it to the generated overloads.
    /// </summary>
    /// <param name="builder">The Forklift registration.</param>
    /// <param name="name">The pool's name: its service key and its <see cref="WorkerPoolOptions.Name"/>.</param>
    /// <param name="configure">Sets the pool's options; validated when the host starts.</param>
    public static IForkliftBuilder AddWorkerPool(this IForkliftBuilder builder, string name, Action<WorkerPoolOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddNamedPool(builder, name).Configure(configure);
        return builder;
    }

    /// <summary>Adds a named pool whose settings are bound from <paramref name="configuration"/>.</summary>
    /// <param name="builder">The Forklift registration.</param>
    /// <param name="name">The pool's name: its service key and its <see cref="WorkerPoolOptions.Name"/>.</param>
    /// <param name="configuration">A section whose keys are <see cref="WorkerPoolOptions"/> properties.</param>
    public static IForkliftBuilder AddWorkerPool(this IForkliftBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddNamedPool(builder, name).Bind(configuration);
        return builder;
    }

    /// <summary>Sets how the host runs its pools (warm-up at start, default pool for generated calls).</summary>
    public static IForkliftBuilder ConfigureHosting(this IForkliftBuilder builder, Action<ForkliftHostingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    private static OptionsBuilder<WorkerPoolOptions> AddNamedPool(IForkliftBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        IServiceCollection services = builder.Services;
        if (!services.Any(d => d.ImplementationInstance is ForkliftPoolRegistration registration && registration.OptionsName == name))
        {
            services.AddSingleton(new ForkliftPoolRegistration(name));
            services.AddKeyedSingleton(name, static (sp, key) => ForkliftPoolRegistration.Create(sp, (string)key!));
            services.AddKeyedSingleton<IWorkerPool>(name, static (sp, key) => sp.GetRequiredKeyedService<WorkerPool>(key));
        }

        return services.AddOptions<WorkerPoolOptions>(name).ValidateOnStart();
    }
}
