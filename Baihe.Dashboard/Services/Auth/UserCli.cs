using System.Globalization;
using Baihe.Data.Accounts;
using Baihe.Data.Database;

namespace Baihe.Dashboard.Services.Auth;

/// <summary>
/// <c>dotnet run --project Baihe.Dashboard -- user add --name NAME --role admin</c>: creates an account from the
/// server itself, typically the first admin of a real deployment. The password comes from
/// <see cref="PasswordVariable"/> or is asked for twice without echo; it is hashed before it goes anywhere.
/// </summary>
public static class UserCli
{
    public const string PasswordVariable = "BAIHE_USER_PASSWORD";

    public const int MinPasswordLength = PasswordRule.MinLength;

    private const string Usage = """
        用法：user add --name 用户名 --role admin|official|secretary|lead [--display 显示名]
                       [--subdistrict 街道ID | --community 社区ID | --team 队伍ID] [--email 邮箱]
        密码从环境变量 BAIHE_USER_PASSWORD 读取；未设置时在终端提示输入两次。
        """;

    /// <summary>Runs the command and returns the process exit code (0 done, 1 refused, 2 usage).</summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[0] != "user" || args[1] != "add")
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 2; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                await error.WriteLineAsync($"无法识别的参数：{args[i]}\n{Usage}");
                return 2;
            }
            options[args[i][2..]] = args[++i];
        }
        if (!options.TryGetValue("name", out var name) || !options.TryGetValue("role", out var roleText))
        {
            await error.WriteLineAsync($"缺少 --name 或 --role。\n{Usage}");
            return 2;
        }
        var role = Roles.All.FirstOrDefault(r => string.Equals(r, roleText, StringComparison.OrdinalIgnoreCase));
        if (role is null)
        {
            await error.WriteLineAsync($"未知角色：{roleText}（可选 admin、official、secretary、lead）。");
            return 2;
        }
        int? Id(string key) => options.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = Prompt("密码：", input, output);
            if (Prompt("再次输入密码：", input, output) != password)
            {
                await error.WriteLineAsync("两次输入的密码不一致，未创建账户。");
                return 1;
            }
        }
        if (PasswordRule.Problem(password) is { } weak)
        {
            await error.WriteLineAsync($"{weak.TrimEnd('。')}，未创建账户。");
            return 1;
        }

        var commands = services.GetRequiredService<UserCommands>();
        var user = new NewUser(name, options.GetValueOrDefault("display", name), SignInService.Hash(password!), role,
            Id("subdistrict"), Id("community"), Id("team"), Email: options.GetValueOrDefault("email"));
        CommandResult result;
        try
        {
            result = await commands.CreateAsync(DemoAccounts.System, user);
        }
        catch (AccessDeniedException refused)
        {
            // An id that names no sub-district, community or team is refused (and audited) like a forged one.
            result = CommandResult.Fail(refused.Message);
        }
        if (!result.Ok)
        {
            await error.WriteLineAsync($"未创建账户：{result.Error}");
            return 1;
        }
        await output.WriteLineAsync($"已创建账户 {name.Trim().ToLowerInvariant()}（{Roles.Label(role)}）。");
        return 0;
    }

    private static string? Prompt(string label, TextReader input, TextWriter output)
    {
        output.Write(label);
        if (!Console.IsInputRedirected && ReferenceEquals(input, Console.In))
        {
            var chars = new List<char>();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace && chars.Count > 0)
                {
                    chars.RemoveAt(chars.Count - 1);
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    chars.Add(key.KeyChar);
                }
            }
            output.WriteLine();
            return new string([.. chars]);
        }
        return input.ReadLine();
    }
}
