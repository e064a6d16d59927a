using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Stores of constants read nothing, so racing ones lose no update (any order is one the code could have run in), with
/// one exception: the starter's store after the start against another constant that the started work stores. The
/// starter means its store to come first; the work's can come first and be overwritten.
/// </summary>
public class ConstantStoreTests
{
    [Fact]
    public Task State_set_after_starting_work_that_sets_another_state()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading;

            enum State { Idle, Rendering, Ready }

            sealed class Report
            {
                private State _state;

                public State Current => _state;

                public void Start()
                {
                    ThreadPool.QueueUserWorkItem(_ => [|_state = State.Ready|]);
                    [|_state = State.Rendering|];
                }
            }
            """);

    [Fact]
    public Task The_same_constant_or_stores_in_started_work_only_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Flags
            {
                private bool _failed;
                private bool _done;

                public bool Failed => _failed;

                public void Start(int[] items)
                {
                    // Many runs set or clear the flag: whichever runs last is an order the loop could have run in.
                    Parallel.ForEach(items, i => { if (i < 0) _failed = true; else _failed = false; });

                    ThreadPool.QueueUserWorkItem(_ => _done = true);
                    _done = true;
                }
            }
            """);

    /// <summary>
    /// MySqlConnector's MySqlDataSource switches a delegate field between two of its own methods. A delegate to a method
    /// of the object is one of a few fixed values, stored as an enum member is: the stores of the setter and of the
    /// fallback lose nothing, and the constructor's store after starting the refresh that stores the other is the one
    /// exception, as with enum states.
    /// </summary>
    [Fact]
    public Task Delegates_to_the_objects_own_methods_are_stored_as_constants()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class DataSource
            {
                private readonly Func<CancellationToken, Task<string>>? _provider;
                private readonly Timer? _timer;
                private readonly Task? _initial;
                private Func<string> _providePassword;
                private string? _password;

                public DataSource(Func<CancellationToken, Task<string>>? provider)
                {
                    _providePassword = FromField;
                    if (provider is not null)
                    {
                        _provider = provider;
                        _timer = {|#2:new Timer(_ => _ = Refresh(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan)|};
                        _initial = Task.Run(Refresh);
                        {|#0:_providePassword = FromInitialTask|};
                    }
                }

                public string Password
                {
                    set
                    {
                        if (_provider is not null) throw new InvalidOperationException();
                        _password = value;
                        _providePassword = FromField;
                    }
                }

                public string Get() => _providePassword();

                private async Task Refresh()
                {
                    _password = await _provider!(default).ConfigureAwait(false);
                    {|#1:_providePassword = FromField|};
                    _timer!.Change(TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
                }

                private string FromField() => _password!;

                private string FromInitialTask()
                {
                    if (_password is null)
                    {
                        _initial!.GetAwaiter().GetResult();
                        _providePassword = FromField;
                    }

                    return _password!;
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(2)
                .WithArguments("_providePassword", "DataSource", "'DataSource' runs on several threads (started at line 19)"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(1).WithLocation(2)
                .WithArguments("_providePassword", "Refresh", "'Refresh' runs on several threads (started at line 19)"));
}
