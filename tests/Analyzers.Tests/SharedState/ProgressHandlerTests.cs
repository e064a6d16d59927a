using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// <c>new Progress&lt;T&gt;(handler)</c> captures the synchronization context it is created on; with none (a console
/// tool, a service, a library that references no UI framework) every <c>Report</c> posts the handler to the thread
/// pool, so handlers run beside each other (#9; set l R14, set aq R16).
/// </summary>
public class ProgressHandlerTests
{
    [Fact]
    public Task Progress_handler_adding_to_a_list_without_a_UI_thread()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            sealed class PhotoCheck
            {
                private readonly List<string> _problems = new List<string>();

                public async Task<int> RunAsync(string[] photos)
                {
                    var progress = new Progress<string>(problem => OnProblem(problem));
                    await CheckAllAsync(photos, progress);
                    return _problems.Count;
                }

                private static async Task CheckAllAsync(string[] photos, IProgress<string> progress)
                {
                    foreach (var photo in photos)
                    {
                        await Task.Yield();
                        progress.Report(photo);
                    }
                }

                private void OnProblem(string problem) => [|_problems.Add(problem)|];
            }
            """);

    [Fact]
    public Task Progress_handler_counting_into_a_field_without_a_UI_thread()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;

            sealed class Copier
            {
                private long _copied;

                public IProgress<int> Watch() => new Progress<int>(bytes => [|_copied += bytes|]);
            }
            """);

    [Fact]
    public Task Progress_handlers_that_lock_or_use_Interlocked_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;

            sealed class Board
            {
                private readonly object _gate = new object();
                private readonly Dictionary<string, int> _latest = new Dictionary<string, int>();
                private long _copied;

                public IProgress<(string Line, int Value)> Rows() => new Progress<(string Line, int Value)>(row =>
                {
                    lock (_gate)
                    {
                        _latest[row.Line] = row.Value;
                    }
                });

                public IProgress<int> Bytes() => new Progress<int>(bytes => Interlocked.Add(ref _copied, bytes));

                public int Count()
                {
                    lock (_gate)
                    {
                        return _latest.Count;
                    }
                }
            }
            """);

    [Fact]
    public Task Progress_handler_in_a_compilation_with_a_UI_framework_runs_on_its_thread()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;

            namespace System.Windows.Threading
            {
                public sealed class Dispatcher { }
            }

            sealed class ImportViewModel
            {
                private readonly List<string> _log = new List<string>();

                public IProgress<string> LogProgress() => new Progress<string>(line => _log.Add(line));
            }
            """);

    [Fact]
    public Task Progress_handler_of_a_Blazor_component_runs_on_its_renderer()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;

            namespace Microsoft.AspNetCore.Components
            {
                public abstract class ComponentBase { }
            }

            sealed class UploadPanel : Microsoft.AspNetCore.Components.ComponentBase
            {
                private readonly List<string> _log = new List<string>();

                public IProgress<string> LogProgress() => new Progress<string>(line => _log.Add(line));
            }
            """);
}
