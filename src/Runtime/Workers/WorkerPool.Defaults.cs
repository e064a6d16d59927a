namespace Forklift;

/// <content>The process-wide default pool and its one-time configuration.</content>
public sealed partial class WorkerPool
{
    /// <summary>The <see cref="WorkerPoolOptions.Name"/> of a pool that is not given one, and of <see cref="Default"/>.</summary>
    public const string DefaultName = "default";

    private static readonly object DefaultGate = new();
    private static Action<WorkerPoolOptions>? s_configureDefault;
    private static WorkerPool? s_default;

    /// <summary>
    /// The process-wide local pool: <see cref="Environment.ProcessorCount"/> worker processes unless
    /// <see cref="ConfigureDefault"/> said otherwise, created on first use and kept for the life of the process.
    /// Generated methods use it when they are not given a pool and <see cref="ParallelDefaults.Pool"/> was not set.
    /// </summary>
    public static WorkerPool Default
    {
        get
        {
            WorkerPool? pool = Volatile.Read(ref s_default);
            return pool ?? CreateDefault();
        }
    }

    /// <summary>
    /// Adds settings for <see cref="Default"/>, applied in order when it is created. Call it at start-up, before the
    /// first call that uses the default pool.
    /// </summary>
    /// <example><c>WorkerPool.ConfigureDefault(o => { o.Workers = 4; o.TaskTimeout = TimeSpan.FromMinutes(1); });</c></example>
    /// <exception cref="InvalidOperationException"><see cref="Default"/> was already created; its settings can no longer change.</exception>
    public static void ConfigureDefault(Action<WorkerPoolOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        lock (DefaultGate)
        {
            if (s_default is not null)
            {
                throw new InvalidOperationException("WorkerPool.Default is already running, so its settings can no longer change. Call WorkerPool.ConfigureDefault at start-up, before the first [Parallel] call, or create and pass your own WorkerPool.");
            }

            s_configureDefault += configure;
        }
    }

    private static WorkerPool CreateDefault()
    {
        lock (DefaultGate)
        {
            WorkerPool? pool = s_default;
            if (pool is null)
            {
                var options = new WorkerPoolOptions();
                s_configureDefault?.Invoke(options);
                pool = new WorkerPool(options);
                Volatile.Write(ref s_default, pool);
            }

            return pool;
        }
    }
}
