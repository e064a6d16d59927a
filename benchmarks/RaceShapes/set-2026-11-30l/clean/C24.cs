using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Quill.Editor.Plugins
{
    public interface IPluginContext
    {
        bool RegisterCommand(string commandId, Action handler);
    }

    public interface IEditorPlugin
    {
        string Name { get; }
        void Initialize(IPluginContext context);
    }

    public sealed class PluginLoadedEventArgs : EventArgs
    {
        public PluginLoadedEventArgs(string name, TimeSpan elapsed, Exception? error)
        {
            Name = name;
            Elapsed = elapsed;
            Error = error;
        }

        public string Name { get; }
        public TimeSpan Elapsed { get; }
        public Exception? Error { get; }
    }

    /// <summary>Loads editor plugins on background threads during startup.</summary>
    public sealed class PluginHost : IPluginContext
    {
        private readonly ConcurrentDictionary<string, Action> _commands = new(StringComparer.Ordinal);

        public event EventHandler<PluginLoadedEventArgs>? PluginLoaded;

        public Task LoadAllAsync(IEnumerable<Func<IEditorPlugin>> factories) =>
            Task.WhenAll(factories.Select(factory => Task.Run(() => LoadOne(factory))));

        public bool RegisterCommand(string commandId, Action handler) => _commands.TryAdd(commandId, handler);

        public bool TryExecute(string commandId)
        {
            if (!_commands.TryGetValue(commandId, out var handler)) return false;
            handler();
            return true;
        }

        private void LoadOne(Func<IEditorPlugin> factory)
        {
            var stopwatch = Stopwatch.StartNew();
            string name = "(unknown)";
            Exception? error = null;
            try
            {
                var plugin = factory();
                name = plugin.Name;
                plugin.Initialize(this);
            }
            catch (Exception ex)
            {
                error = ex;
            }

            var handler = Volatile.Read(ref PluginLoaded);
            handler?.Invoke(this, new PluginLoadedEventArgs(name, stopwatch.Elapsed, error));
        }
    }

    /// <summary>Status-bar item showing plugin start-up progress.</summary>
    public sealed class PluginStatusItem
    {
        private int _loaded;
        private int _failed;

        public PluginStatusItem(PluginHost host) => host.PluginLoaded += OnPluginLoaded;

        private void OnPluginLoaded(object? sender, PluginLoadedEventArgs e)
        {
            if (e.Error is null) Interlocked.Increment(ref _loaded);
            else Interlocked.Increment(ref _failed);
        }

        public string Text
        {
            get
            {
                int loaded = Volatile.Read(ref _loaded);
                int failed = Volatile.Read(ref _failed);
                return failed == 0 ? $"{loaded} plugins" : $"{loaded} plugins, {failed} failed";
            }
        }
    }
}
