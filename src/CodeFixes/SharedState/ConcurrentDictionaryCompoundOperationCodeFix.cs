using System.Collections.Immutable;
using Forklift.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.CodeFixes.SharedState;

/// <summary>FL1005: turn a two-step update of a <c>ConcurrentDictionary</c> entry into <c>AddOrUpdate</c>, <c>TryAdd</c> or <c>GetOrAdd</c>.</summary>
/// <remarks>
/// Offered only for shapes whose meaning the atomic call keeps (see docs/rules/FL1005.md); the update operand must be
/// free of calls, because <c>AddOrUpdate</c> may run its update delegate more than once.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConcurrentDictionaryCompoundOperationCodeFix))]
public sealed class ConcurrentDictionaryCompoundOperationCodeFix : CodeFixProvider
{
    internal const string Key = DiagnosticIds.ConcurrentDictionaryCompoundOperation + ".Atomic";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ConcurrentDictionaryCompoundOperation);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Rewrite(root, diagnostic) is not { } rewrite)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Use {rewrite.Member}", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(rewrite.Old, rewrite.New))), Key),
                diagnostic);
        }
    }

    private static (StatementSyntax Old, StatementSyntax New, string Member)? Rewrite(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<StatementSyntax>() is IfStatementSyntax ifStatement && ifStatement.IfKeyword.Span == diagnostic.Location.SourceSpan)
        {
            return RewriteCheckThenAct(ifStatement);
        }

        return node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { } statement && statement.Expression.Span == diagnostic.Location.SourceSpan
            ? RewriteUpdate(statement)
            : null;
    }

    /// <summary><c>d[k]++;</c> → <c>d.AddOrUpdate(k, 1, (_, value) =&gt; value + 1);</c></summary>
    private static (StatementSyntax, StatementSyntax, string)? RewriteUpdate(ExpressionStatementSyntax statement)
    {
        var (target, op, operand) = statement.Expression switch
        {
            PostfixUnaryExpressionSyntax postfix => (postfix.Operand, postfix.IsKind(SyntaxKind.PostIncrementExpression) ? "+" : "-", (ExpressionSyntax)Literal(1)),
            PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression)
                => (prefix.Operand, prefix.IsKind(SyntaxKind.PreIncrementExpression) ? "+" : "-", Literal(1)),
            AssignmentExpressionSyntax add when add.IsKind(SyntaxKind.AddAssignmentExpression) => (add.Left, "+", add.Right),
            AssignmentExpressionSyntax subtract when subtract.IsKind(SyntaxKind.SubtractAssignmentExpression) => (subtract.Left, "-", subtract.Right),
            _ => (null, null, null),
        };
        if (target is not ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access || operand is null || !IsSimple(operand))
        {
            return null;
        }

        var name = FreshName(statement, "value");
        var seed = op == "+" ? operand.WithoutTrivia().ToString() : "-" + Parenthesize(operand);
        var text = $"{access.Expression.WithoutTrivia()}.AddOrUpdate({access.ArgumentList.Arguments[0].WithoutTrivia()}, {seed}, (_, {name}) => {name} {op} {Parenthesize(operand)})";
        var replacement = statement.WithExpression(SyntaxFactory.ParseExpression(text).WithTriviaFrom(statement.Expression));
        return (statement, replacement, "AddOrUpdate");
    }

    /// <summary>
    /// <c>if (!d.ContainsKey(k)) d[k] = v;</c> → <c>d.TryAdd(k, v);</c>, and
    /// <c>if (!d.TryGetValue(k, out var v)) { v = E; d[k] = v; }</c> → <c>var v = d.GetOrAdd(k, _ =&gt; E);</c>.
    /// </summary>
    private static (StatementSyntax, StatementSyntax, string)? RewriteCheckThenAct(IfStatementSyntax ifStatement)
    {
        if (RewriteEarlyReturn(ifStatement) is { } earlyReturn)
        {
            return earlyReturn;
        }

        if (ifStatement.Else is not null || ifStatement.Condition is not PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: InvocationExpressionSyntax check }
            || check.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContainsKey" or "TryGetValue" } member)
        {
            return null;
        }

        var statements = ifStatement.Statement is BlockSyntax block ? block.Statements : SyntaxFactory.SingletonList(ifStatement.Statement);
        var dictionary = member.Expression.WithoutTrivia().ToString();
        var key = check.ArgumentList.Arguments[0].Expression;
        if (member.Name.Identifier.ValueText == "ContainsKey")
        {
            if (statements.Count != 1 || SetOf(statements[0], dictionary, key) is not { } value)
            {
                return null;
            }

            var tryAdd = SyntaxFactory.ParseStatement($"{dictionary}.TryAdd({key.WithoutTrivia()}, {value.WithoutTrivia()});").WithTriviaFrom(ifStatement);
            return (ifStatement, tryAdd, "TryAdd");
        }

        if (check.ArgumentList.Arguments.Count != 2 || statements.Count != 2
            || check.ArgumentList.Arguments[1] is not { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword } outArgument
            || statements[0] is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax assigned } create }
            || SetOf(statements[1], dictionary, key) is not IdentifierNameSyntax stored)
        {
            return null;
        }

        var (declaration, variable) = outArgument.Expression switch
        {
            DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax single } declared => ($"{declared.Type} ", single.Identifier.ValueText),
            IdentifierNameSyntax existing => (string.Empty, existing.Identifier.ValueText),
            _ => (null, null),
        };
        if (declaration is null || assigned.Identifier.ValueText != variable || stored.Identifier.ValueText != variable
            || create.Right.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == variable))
        {
            return null;
        }

        var getOrAdd = SyntaxFactory.ParseStatement($"{declaration}{variable} = {dictionary}.GetOrAdd({key.WithoutTrivia()}, _ => {create.Right.WithoutTrivia()});").WithTriviaFrom(ifStatement);
        return (ifStatement, getOrAdd, "GetOrAdd");
    }

    /// <summary>
    /// <c>if (d.TryGetValue(k, out var v)) return v; var s = E; d[k] = s; return s;</c> (or <c>d.TryAdd(k, s);</c>)
    /// → <c>return d.GetOrAdd(k, _ =&gt; E);</c>. Only that exact tail: anything else between the check and the return
    /// may depend on which value won, so no fix is offered.
    /// </summary>
    private static (StatementSyntax, StatementSyntax, string)? RewriteEarlyReturn(IfStatementSyntax ifStatement)
    {
        if (ifStatement.Else is not null || ifStatement.Parent is not BlockSyntax block
            || ifStatement.Condition is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } check
            || check.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryGetValue" } member
            || check.ArgumentList.Arguments[1] is not { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword } outArgument)
        {
            return null;
        }

        var found = outArgument.Expression switch
        {
            DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax single } => single.Identifier.ValueText,
            IdentifierNameSyntax existing => existing.Identifier.ValueText,
            _ => null,
        };
        var returned = ifStatement.Statement is BlockSyntax { Statements.Count: 1 } onlyStatement ? onlyStatement.Statements[0] : ifStatement.Statement;
        var index = block.Statements.IndexOf(ifStatement);
        if (found is null || returned is not ReturnStatementSyntax { Expression: IdentifierNameSyntax returnedFound } || returnedFound.Identifier.ValueText != found
            || index + 4 != block.Statements.Count
            || block.Statements[index + 1] is not LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
            || variables[0] is not { Initializer: { } initializer } created
            || block.Statements[index + 3] is not ReturnStatementSyntax { Expression: IdentifierNameSyntax returnedCreated }
            || returnedCreated.Identifier.ValueText != created.Identifier.ValueText)
        {
            return null;
        }

        var dictionary = member.Expression.WithoutTrivia().ToString();
        var key = check.ArgumentList.Arguments[0].Expression;
        if (SetOf(block.Statements[index + 2], dictionary, key) is not IdentifierNameSyntax stored || stored.Identifier.ValueText != created.Identifier.ValueText
            || initializer.Value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == found))
        {
            return null;
        }

        var getOrAdd = SyntaxFactory.ParseStatement($"return {dictionary}.GetOrAdd({key.WithoutTrivia()}, _ => {initializer.Value.WithoutTrivia()});")
            .WithLeadingTrivia(ifStatement.GetLeadingTrivia())
            .WithTrailingTrivia(block.Statements[index + 3].GetTrailingTrivia());
        var statements = block.Statements.RemoveAt(index + 3).RemoveAt(index + 2).RemoveAt(index + 1).RemoveAt(index).Insert(index, getOrAdd);
        return (block, block.WithStatements(statements), "GetOrAdd");
    }

    /// <summary>The value of <c>d[key] = value;</c> or <c>d.TryAdd(key, value);</c> for the same dictionary and key text.</summary>
    private static ExpressionSyntax? SetOf(StatementSyntax statement, string dictionary, ExpressionSyntax key)
    {
        switch (statement)
        {
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access } set }
                when access.Expression.WithoutTrivia().ToString() == dictionary && access.ArgumentList.Arguments[0].Expression.IsEquivalentTo(key):
                return set.Right;
            case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryAdd" } add, ArgumentList.Arguments.Count: 2 } call }
                when add.Expression.WithoutTrivia().ToString() == dictionary && call.ArgumentList.Arguments[0].Expression.IsEquivalentTo(key):
                return call.ArgumentList.Arguments[1].Expression;
            default:
                return null;
        }
    }

    /// <summary>Operands that read a value and do nothing else, so running the update twice changes nothing.</summary>
    private static bool IsSimple(ExpressionSyntax operand) => operand switch
    {
        LiteralExpressionSyntax or IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax } => true,
        PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax } => true,
        _ => false,
    };

    private static string Parenthesize(ExpressionSyntax operand)
        => operand is LiteralExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax ? operand.WithoutTrivia().ToString() : $"({operand.WithoutTrivia()})";

    private static LiteralExpressionSyntax Literal(int value) => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));

    /// <summary>A lambda parameter name that no local or parameter in scope uses, so it shadows nothing.</summary>
    private static string FreshName(SyntaxNode at, string preferred)
    {
        var member = at.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? at;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in member.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax variable:
                    used.Add(variable.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    used.Add(designation.Identifier.ValueText);
                    break;
                case ForEachStatementSyntax loop:
                    used.Add(loop.Identifier.ValueText);
                    break;
                case ParameterSyntax parameter when at.Ancestors().Contains(parameter.Parent?.Parent ?? parameter.Parent!) || parameter.Parent?.Parent == member:
                    used.Add(parameter.Identifier.ValueText);
                    break;
            }
        }

        var name = preferred;
        for (var i = 1; used.Contains(name); i++)
        {
            name = preferred + i;
        }

        return name;
    }
}
