using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forklift.Hosting;

/// <summary>One registered pool, by options name (<see cref="Options.DefaultName"/> for the default pool). The hosted
/// service and the health check enumerate these to find every pool the app registered.</summary>
internal sealed record ForkliftPoolRegistration(string OptionsName)
{
    public bool IsDefault => OptionsName.Length == 0;

    public WorkerPool Resolve(IServiceProvider services) =>
        IsDefault ? services.GetRequiredService<WorkerPool>() : services.GetRequiredKeyedService<WorkerPool>(OptionsName);

    /// <summary>Creates the pool from its validated options, with the host's logger factory unless the options name one.</summary>
    public static WorkerPool Create(IServiceProvider services, string optionsName)
    {
        WorkerPoolOptions options = services.GetRequiredService<IOptionsMonitor<WorkerPoolOptions>>().Get(optionsName);
        options.LoggerFactory ??= services.GetService<ILoggerFactory>();
        if (optionsName.Length != 0)
        {
            // A named pool is known by its registration name everywhere: keyed services, logs, metrics, health.
            options.Name = optionsName;
        }

        return new WorkerPool(options);
    }
}
