//+------------------------------------------------------------------+
//| TradingAppBridge.mq5                                             |
//| Connects this terminal to Trade Bot Scratch over TCP on this     |
//| machine, speaking the protocol of docs/mt5-protocol.md (v1).     |
//|                                                                  |
//| Setup: Tools > Options > Expert Advisors: tick "Allow algorithmic|
//| trading" and add 127.0.0.1 to "Allow WebRequest for listed URL". |
//| Attach to one chart; paste the pairing token from the app's      |
//| Accounts > Connect MetaTrader 5 into InpToken.                   |
//+------------------------------------------------------------------+
#property copyright "Trade Bot Scratch"
#property version   "1.00"
#property description "Bridge between this MetaTrader 5 terminal and Trade Bot Scratch (127.0.0.1 only)."

input string InpToken   = "";          // Pairing token (Accounts > Connect MetaTrader 5)
input ushort InpPort    = 17031;       // The app's bridge port
input long   InpMagic   = 7031;        // Magic number of every order this EA sends
input int    InpPollMs  = 10;          // How often ticks, bars and the socket are checked (ms)

#define PROTOCOL_VERSION 1
#define EA_VERSION       "1.0.0"
#define HOST             "127.0.0.1"   // loopback only: the app never listens elsewhere
#define MAX_LINE         1048576       // 1 MiB, newline excluded
#define HEARTBEAT_MS     5000
#define SILENT_MS        15000         // 3 heartbeats missed
#define BACKOFF_MIN_MS   1000
#define BACKOFF_MAX_MS   30000
#define WAIT_REFUSED_MS  60000         // after a wrong token or being replaced
#define MAX_ROWS         5000          // deals or bars per reply
#define MAP_KEEP         10000         // client-order-id entries kept across restarts

//--- connection state
int    g_socket = INVALID_HANDLE;
bool   g_welcomed = false;
bool   g_stopped = false;              // refused for protocol version: reconnecting cannot help
ulong  g_nextAttempt = 0;              // GetTickCount64() time of the next connect attempt
uint   g_backoff = BACKOFF_MIN_MS;
ulong  g_lastHeard = 0, g_lastSent = 0;
uchar  g_rx[];                         // bytes of the line being read
int    g_rxLen = 0;
bool   g_discarding = false;           // inside a line over MAX_LINE: drop bytes until its newline

//--- the request being handled: flat keys and values (strings unquoted; raw text for numbers and nested values)
string g_keys[], g_vals[];
bool   g_isStr[];

//--- subscriptions (they end with the connection)
string g_tickSym[];  long g_tickLast[];
string g_barSym[];   ENUM_TIMEFRAMES g_barTf[];  string g_barTfName[];  datetime g_barTime[];  string g_barSeen[];

//--- client order id -> result, persisted in MQL5/Files (docs: "The client-order-id map")
string g_mapCid[], g_mapState[], g_mapBody[];
int    g_mapFile = INVALID_HANDLE;

//--- last account figures pushed
string g_lastAccount = "";
ulong  g_lastAccountCheck = 0;

//+------------------------------------------------------------------+
int OnInit()
  {
   if(StringLen(InpToken) == 0)
     {
      Alert("TradingAppBridge: paste the pairing token from Trade Bot Scratch (Accounts > Connect MetaTrader 5) into InpToken.");
      return(INIT_PARAMETERS_INCORRECT);
     }
   MapLoad();
   EventSetMillisecondTimer(InpPollMs);
   return(INIT_SUCCEEDED);
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   Disconnect("EA removed");
   if(g_mapFile != INVALID_HANDLE) FileClose(g_mapFile);
  }

//+------------------------------------------------------------------+
//| Everything runs from the timer: the EA may sit on a quiet chart, |
//| so OnTick cannot be relied on.                                   |
//+------------------------------------------------------------------+
void OnTimer()
  {
   ulong now = GetTickCount64();
   if(g_socket == INVALID_HANDLE)
     {
      if(!g_stopped && now >= g_nextAttempt) Connect();
      return;
     }
   if(!SocketIsConnected(g_socket)) { Disconnect("the app closed the connection"); return; }
   ReadLines();
   if(g_socket == INVALID_HANDLE) return;
   now = GetTickCount64();
   if(now - g_lastHeard >= SILENT_MS) { Disconnect("the app stopped answering"); return; }
   if(now - g_lastSent >= HEARTBEAT_MS)
      SendLine("{\"type\":\"heartbeat\",\"time\":" + Ms(TimeTradeServer()) + ",\"serverOffsetMs\":" + ServerOffsetMs() + "}");
   if(!g_welcomed) return;
   PollTicks();
   PollBars();
   if(now - g_lastAccountCheck >= 1000) { g_lastAccountCheck = now; PushAccountIfChanged(); }
  }

//+------------------------------------------------------------------+
//| Connection                                                       |
//+------------------------------------------------------------------+
void Connect()
  {
   g_socket = SocketCreate();
   if(g_socket == INVALID_HANDLE) { ScheduleRetry(g_backoff); return; }
   if(!SocketConnect(g_socket, HOST, InpPort, 1000))
     {
      // 4014 means 127.0.0.1 is not in the allowed list: say so once per attempt, the trader must fix it.
      if(GetLastError() == 4014) Print("TradingAppBridge: add 127.0.0.1 to Tools > Options > Expert Advisors > Allow WebRequest for listed URL.");
      SocketClose(g_socket);
      g_socket = INVALID_HANDLE;
      ScheduleRetry(g_backoff);
      g_backoff = (uint)MathMin(g_backoff * 2, (uint)BACKOFF_MAX_MS);
      return;
     }
   g_welcomed = false;
   g_rxLen = 0;
   g_discarding = false;
   g_lastHeard = GetTickCount64();
   SendHello();
  }

void Disconnect(const string why)
  {
   if(g_socket == INVALID_HANDLE) return;
   SocketClose(g_socket);
   g_socket = INVALID_HANDLE;
   if(g_welcomed) Print("TradingAppBridge: disconnected (", why, ")");
   g_welcomed = false;
   ArrayResize(g_tickSym, 0); ArrayResize(g_tickLast, 0);
   ArrayResize(g_barSym, 0);  ArrayResize(g_barTf, 0); ArrayResize(g_barTfName, 0); ArrayResize(g_barTime, 0); ArrayResize(g_barSeen, 0);
   if(g_nextAttempt < GetTickCount64()) ScheduleRetry(g_backoff);
   g_backoff = (uint)MathMin(g_backoff * 2, (uint)BACKOFF_MAX_MS);
  }

void ScheduleRetry(const uint waitMs) { g_nextAttempt = GetTickCount64() + waitMs; }

void SendHello()
  {
   string marginMode = "hedging";
   long mode = AccountInfoInteger(ACCOUNT_MARGIN_MODE);
   if(mode == ACCOUNT_MARGIN_MODE_RETAIL_NETTING) marginMode = "netting";
   if(mode == ACCOUNT_MARGIN_MODE_EXCHANGE) marginMode = "exchange";
   SendLine("{\"type\":\"hello\",\"v\":" + IntegerToString(PROTOCOL_VERSION)
            + ",\"token\":" + JStr(InpToken)
            + ",\"login\":" + JStr(IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)))
            + ",\"server\":" + JStr(AccountInfoString(ACCOUNT_SERVER))
            + ",\"company\":" + JStr(AccountInfoString(ACCOUNT_COMPANY))
            + ",\"name\":" + JStr(AccountInfoString(ACCOUNT_NAME))
            + ",\"currency\":" + JStr(AccountInfoString(ACCOUNT_CURRENCY))
            + ",\"leverage\":" + IntegerToString(AccountInfoInteger(ACCOUNT_LEVERAGE))
            + ",\"marginMode\":" + JStr(marginMode)
            + ",\"tradeAllowed\":" + JBool(TradeAllowed())
            + ",\"build\":" + IntegerToString(TerminalInfoInteger(TERMINAL_BUILD))
            + ",\"eaVersion\":" + JStr(EA_VERSION)
            + ",\"serverOffsetMs\":" + ServerOffsetMs() + "}");
  }

/** The terminal's Algo Trading button, this EA's permission and the account's permission together. */
bool TradeAllowed()
  {
   return TerminalInfoInteger(TERMINAL_TRADE_ALLOWED) && MQLInfoInteger(MQL_TRADE_ALLOWED) && AccountInfoInteger(ACCOUNT_TRADE_ALLOWED);
  }

void SendLine(const string json)
  {
   if(g_socket == INVALID_HANDLE) return;
   uchar data[];
   int len = StringToCharArray(json + "\n", data, 0, WHOLE_ARRAY, CP_UTF8) - 1;  // without the terminating 0
   // SocketSend may take part of a large reply (rates, deals): send the rest until all of it is written.
   for(int sent = 0; sent < len;)
     {
      uchar rest[];
      ArrayCopy(rest, data, 0, sent, len - sent);
      int n = SocketSend(g_socket, rest, len - sent);
      if(n <= 0) { Disconnect("send failed"); return; }
      sent += n;
     }
   g_lastSent = GetTickCount64();
  }

/** Reads what arrived and handles each complete line; a line over MAX_LINE is dropped as it streams in. */
void ReadLines()
  {
   uint ready = SocketIsReadable(g_socket);
   if(ready == 0) return;
   uchar buf[];
   int got = SocketRead(g_socket, buf, ready, 100);
   if(got <= 0) { Disconnect("read failed"); return; }
   g_lastHeard = GetTickCount64();
   for(int i = 0; i < got && g_socket != INVALID_HANDLE; i++)
     {
      if(buf[i] == '\n')
        {
         if(g_discarding) { g_discarding = false; ReplyError("null", "line_too_long", "a line may hold at most 1048576 bytes"); }
         else
           {
            int len = g_rxLen;
            if(len > 0 && g_rx[len - 1] == '\r') len--;
            if(len > 0) HandleLine(CharArrayToString(g_rx, 0, len, CP_UTF8));
           }
         g_rxLen = 0;
         continue;
        }
      if(g_discarding) continue;
      if(g_rxLen >= MAX_LINE + 1) { g_discarding = true; g_rxLen = 0; ArrayFree(g_rx); continue; }
      if(g_rxLen >= ArraySize(g_rx)) ArrayResize(g_rx, MathMax(4096, g_rxLen * 2));
      g_rx[g_rxLen++] = buf[i];
     }
  }

//+------------------------------------------------------------------+
//| Lines from the app                                               |
//+------------------------------------------------------------------+
void HandleLine(const string line)
  {
   if(!ParseObject(line)) { ReplyError("null", "bad_json", "the line is not a JSON object"); return; }
   string type = Arg("type", "");
   if(type == "welcome")
     {
      g_welcomed = true;
      g_backoff = BACKOFF_MIN_MS;
      g_lastAccount = "";   // a new connection starts with the account figures
      Print("TradingAppBridge: connected to ", Arg("app", "the app"));
      PushAccountIfChanged();
      return;
     }
   if(type == "refused") { OnRefused(Arg("reason", ""), Arg("message", "")); return; }
   if(type == "bye")
     {
      if(Arg("reason", "") == "replaced") { Print("TradingAppBridge: another terminal with this login took over the connection."); Disconnect("replaced"); ScheduleRetry(WAIT_REFUSED_MS); }
      return;
     }
   if(type == "heartbeat") return;
   if(HasArg("ok")) { if(Arg("ok", "") == "false") Print("TradingAppBridge: the app reported ", StringSubstr(line, 0, 300)); return; }
   string id = HasArg("id") ? JStr(Arg("id", "")) : "null";
   if(!HasArg("cmd") || !HasArg("id")) { ReplyError(id, "bad_request", "a request needs id and cmd"); return; }
   if(!g_welcomed) return;
   Dispatch(id, Arg("cmd", ""));
  }

void OnRefused(const string reason, const string message)
  {
   Print("TradingAppBridge: refused by the app (", reason, "): ", message);
   Disconnect("refused");
   if(reason == "version") { g_stopped = true; Alert("TradingAppBridge: install the EA that ships with your version of Trade Bot Scratch."); return; }
   ScheduleRetry(WAIT_REFUSED_MS);
  }

/** One case per command of docs/mt5-protocol.md (the drift test reads these lines). */
void Dispatch(const string id, const string cmd)
  {
   if(cmd == "symbols")          CmdSymbols(id);
   else if(cmd == "account")     Reply(id, AccountJson());
   else if(cmd == "positions")   CmdPositions(id);
   else if(cmd == "orders")      CmdOrders(id);
   else if(cmd == "deals")       CmdDeals(id);
   else if(cmd == "rates")       CmdRates(id);
   else if(cmd == "subscribe")   CmdSubscribe(id, true);
   else if(cmd == "unsubscribe") CmdSubscribe(id, false);
   else if(cmd == "order_send")  CmdOrderSend(id);
   else if(cmd == "modify")      CmdModify(id);
   else if(cmd == "close")       CmdClose(id);
   else if(cmd == "cancel")      CmdCancel(id);
   else if(cmd == "find")        CmdFind(id);
   else ReplyError(id, "unknown_command", "unknown command " + StringSubstr(cmd, 0, 40));
  }

void Reply(const string id, const string resultJson) { SendLine("{\"id\":" + id + ",\"ok\":true,\"result\":" + resultJson + "}"); }

void ReplyError(const string id, const string code, const string message)
  {
   SendLine("{\"id\":" + id + ",\"ok\":false,\"error\":{\"code\":" + JStr(code) + ",\"message\":" + JStr(message) + "}}");
  }

//+------------------------------------------------------------------+
//| Read-only commands                                               |
//+------------------------------------------------------------------+
void CmdSymbols(const string id)
  {
   string out = "";
   if(HasArg("symbol"))
     {
      string name = Arg("symbol", "");
      bool custom;
      if(!SymbolExist(name, custom)) { ReplyError(id, "not_found", "no symbol " + name); return; }
      out = SymbolJson(name);
     }
   else
      for(int i = 0; i < SymbolsTotal(true); i++) out += (i > 0 ? "," : "") + SymbolJson(SymbolName(i, true));
   Reply(id, "{\"symbols\":[" + out + "]}");
  }

string SymbolJson(const string name)
  {
   long tradeMode = SymbolInfoInteger(name, SYMBOL_TRADE_MODE);
   string mode = "full";
   if(tradeMode == SYMBOL_TRADE_MODE_DISABLED) mode = "disabled";
   if(tradeMode == SYMBOL_TRADE_MODE_LONGONLY) mode = "long_only";
   if(tradeMode == SYMBOL_TRADE_MODE_SHORTONLY) mode = "short_only";
   if(tradeMode == SYMBOL_TRADE_MODE_CLOSEONLY) mode = "close_only";
   long filling = SymbolInfoInteger(name, SYMBOL_FILLING_MODE);
   string fills = "";
   if((filling & SYMBOL_FILLING_FOK) != 0) fills += "\"fok\"";
   if((filling & SYMBOL_FILLING_IOC) != 0) fills += (fills == "" ? "" : ",") + "\"ioc\"";
   // "Return" is allowed for every execution mode but market execution.
   if(SymbolInfoInteger(name, SYMBOL_TRADE_EXEMODE) != SYMBOL_TRADE_EXECUTION_MARKET) fills += (fills == "" ? "" : ",") + "\"return\"";
   string sessions = "";
   for(int day = 0; day < 7; day++)
     {
      datetime from, to;
      for(uint k = 0; SymbolInfoSessionTrade(name, (ENUM_DAY_OF_WEEK)day, k, from, to); k++)
         sessions += (sessions == "" ? "" : ",") + "{\"day\":" + IntegerToString(day) + ",\"from\":" + IntegerToString((long)from) + ",\"to\":" + IntegerToString((long)to) + "}";
     }
   return "{\"name\":" + JStr(name)
          + ",\"description\":" + JStr(SymbolInfoString(name, SYMBOL_DESCRIPTION))
          + ",\"digits\":" + IntegerToString(SymbolInfoInteger(name, SYMBOL_DIGITS))
          + ",\"point\":" + JNum(SymbolInfoDouble(name, SYMBOL_POINT))
          + ",\"tickSize\":" + JNum(SymbolInfoDouble(name, SYMBOL_TRADE_TICK_SIZE))
          + ",\"tickValue\":" + JNum(SymbolInfoDouble(name, SYMBOL_TRADE_TICK_VALUE))
          + ",\"contractSize\":" + JNum(SymbolInfoDouble(name, SYMBOL_TRADE_CONTRACT_SIZE))
          + ",\"volumeMin\":" + JNum(SymbolInfoDouble(name, SYMBOL_VOLUME_MIN))
          + ",\"volumeMax\":" + JNum(SymbolInfoDouble(name, SYMBOL_VOLUME_MAX))
          + ",\"volumeStep\":" + JNum(SymbolInfoDouble(name, SYMBOL_VOLUME_STEP))
          + ",\"stopsLevel\":" + IntegerToString(SymbolInfoInteger(name, SYMBOL_TRADE_STOPS_LEVEL))
          + ",\"tradeMode\":" + JStr(mode)
          + ",\"fillingModes\":[" + fills + "]"
          + ",\"currencyBase\":" + JStr(SymbolInfoString(name, SYMBOL_CURRENCY_BASE))
          + ",\"currencyProfit\":" + JStr(SymbolInfoString(name, SYMBOL_CURRENCY_PROFIT))
          + ",\"currencyMargin\":" + JStr(SymbolInfoString(name, SYMBOL_CURRENCY_MARGIN))
          + ",\"sessions\":[" + sessions + "]}";
  }

string AccountFigures()
  {
   return "\"balance\":" + JNum(AccountInfoDouble(ACCOUNT_BALANCE))
          + ",\"equity\":" + JNum(AccountInfoDouble(ACCOUNT_EQUITY))
          + ",\"margin\":" + JNum(AccountInfoDouble(ACCOUNT_MARGIN))
          + ",\"freeMargin\":" + JNum(AccountInfoDouble(ACCOUNT_MARGIN_FREE))
          + ",\"marginLevel\":" + JNum(AccountInfoDouble(ACCOUNT_MARGIN_LEVEL));
  }

string AccountJson()
  {
   long mode = AccountInfoInteger(ACCOUNT_MARGIN_MODE);
   string marginMode = mode == ACCOUNT_MARGIN_MODE_RETAIL_NETTING ? "netting" : (mode == ACCOUNT_MARGIN_MODE_EXCHANGE ? "exchange" : "hedging");
   return "{\"login\":" + JStr(IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)))
          + ",\"currency\":" + JStr(AccountInfoString(ACCOUNT_CURRENCY)) + "," + AccountFigures()
          + ",\"leverage\":" + IntegerToString(AccountInfoInteger(ACCOUNT_LEVERAGE))
          + ",\"marginMode\":" + JStr(marginMode) + ",\"tradeAllowed\":" + JBool(TradeAllowed()) + "}";
  }

void CmdPositions(const string id)
  {
   string filter = Arg("symbol", ""), out = "";
   for(int i = PositionsTotal() - 1; i >= 0; i--)
     {
      if(PositionGetTicket(i) == 0) continue;   // selects the position
      if(filter != "" && PositionGetString(POSITION_SYMBOL) != filter) continue;
      out += (out == "" ? "" : ",") + PositionJson();
     }
   Reply(id, "{\"positions\":[" + out + "]}");
  }

/** The selected position. */
string PositionJson()
  {
   return "{\"ticket\":" + JTicket(PositionGetInteger(POSITION_TICKET))
          + ",\"identifier\":" + JTicket(PositionGetInteger(POSITION_IDENTIFIER))
          + ",\"symbol\":" + JStr(PositionGetString(POSITION_SYMBOL))
          + ",\"side\":" + JStr(PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY ? "buy" : "sell")
          + ",\"volume\":" + JNum(PositionGetDouble(POSITION_VOLUME))
          + ",\"priceOpen\":" + JNum(PositionGetDouble(POSITION_PRICE_OPEN))
          + ",\"priceCurrent\":" + JNum(PositionGetDouble(POSITION_PRICE_CURRENT))
          + ",\"sl\":" + JNum(PositionGetDouble(POSITION_SL))
          + ",\"tp\":" + JNum(PositionGetDouble(POSITION_TP))
          + ",\"swap\":" + JNum(PositionGetDouble(POSITION_SWAP))
          + ",\"profit\":" + JNum(PositionGetDouble(POSITION_PROFIT))
          + ",\"time\":" + IntegerToString(PositionGetInteger(POSITION_TIME_MSC))
          + ",\"magic\":" + IntegerToString(PositionGetInteger(POSITION_MAGIC))
          + ",\"comment\":" + JStr(PositionGetString(POSITION_COMMENT)) + "}";
  }

void CmdOrders(const string id)
  {
   string filter = Arg("symbol", ""), out = "";
   for(int i = OrdersTotal() - 1; i >= 0; i--)
     {
      if(OrderGetTicket(i) == 0) continue;      // selects the order
      if(filter != "" && OrderGetString(ORDER_SYMBOL) != filter) continue;
      if(PendingName(OrderGetInteger(ORDER_TYPE)) == "") continue;
      out += (out == "" ? "" : ",") + OrderJson();
     }
   Reply(id, "{\"orders\":[" + out + "]}");
  }

string PendingName(const long type)
  {
   switch((int)type)
     {
      case ORDER_TYPE_BUY_LIMIT:       return "buy_limit";
      case ORDER_TYPE_SELL_LIMIT:      return "sell_limit";
      case ORDER_TYPE_BUY_STOP:        return "buy_stop";
      case ORDER_TYPE_SELL_STOP:       return "sell_stop";
      case ORDER_TYPE_BUY_STOP_LIMIT:  return "buy_stop_limit";
      case ORDER_TYPE_SELL_STOP_LIMIT: return "sell_stop_limit";
     }
   return "";
  }

/** The selected pending order. */
string OrderJson()
  {
   return "{\"ticket\":" + JTicket(OrderGetInteger(ORDER_TICKET))
          + ",\"symbol\":" + JStr(OrderGetString(ORDER_SYMBOL))
          + ",\"type\":" + JStr(PendingName(OrderGetInteger(ORDER_TYPE)))
          + ",\"volumeInitial\":" + JNum(OrderGetDouble(ORDER_VOLUME_INITIAL))
          + ",\"volumeCurrent\":" + JNum(OrderGetDouble(ORDER_VOLUME_CURRENT))
          + ",\"price\":" + JNum(OrderGetDouble(ORDER_PRICE_OPEN))
          + ",\"stopLimit\":" + JNum(OrderGetDouble(ORDER_PRICE_STOPLIMIT))
          + ",\"sl\":" + JNum(OrderGetDouble(ORDER_SL))
          + ",\"tp\":" + JNum(OrderGetDouble(ORDER_TP))
          + ",\"time\":" + IntegerToString(OrderGetInteger(ORDER_TIME_SETUP_MSC))
          + ",\"magic\":" + IntegerToString(OrderGetInteger(ORDER_MAGIC))
          + ",\"comment\":" + JStr(OrderGetString(ORDER_COMMENT)) + "}";
  }

void CmdDeals(const string id)
  {
   if(!HasArg("from") || !HasArg("to")) { ReplyError(id, "bad_request", "deals needs from and to"); return; }
   if(!HistorySelect(ToTime(Arg("from", "0")), ToTime(Arg("to", "0")))) { ReplyError(id, "internal", "history is not available"); return; }
   string filter = Arg("symbol", ""), out = "";
   int count = 0;
   bool more = false;
   for(int i = 0; i < HistoryDealsTotal(); i++)
     {
      ulong ticket = HistoryDealGetTicket(i);
      if(ticket == 0) continue;
      if(filter != "" && HistoryDealGetString(ticket, DEAL_SYMBOL) != filter) continue;
      if(count == MAX_ROWS) { more = true; break; }
      out += (count++ > 0 ? "," : "") + DealJson(ticket);
     }
   Reply(id, "{\"deals\":[" + out + "],\"more\":" + JBool(more) + "}");
  }

string DealJson(const ulong ticket)
  {
   string type = "other";
   switch((int)HistoryDealGetInteger(ticket, DEAL_TYPE))
     {
      case DEAL_TYPE_BUY:        type = "buy"; break;
      case DEAL_TYPE_SELL:       type = "sell"; break;
      case DEAL_TYPE_BALANCE:    type = "balance"; break;
      case DEAL_TYPE_CREDIT:     type = "credit"; break;
      case DEAL_TYPE_CHARGE:     type = "charge"; break;
      case DEAL_TYPE_CORRECTION: type = "correction"; break;
      case DEAL_TYPE_BONUS:      type = "bonus"; break;
      case DEAL_TYPE_COMMISSION: type = "commission"; break;
     }
   string entry = "in";
   switch((int)HistoryDealGetInteger(ticket, DEAL_ENTRY))
     {
      case DEAL_ENTRY_OUT:    entry = "out"; break;
      case DEAL_ENTRY_INOUT:  entry = "inout"; break;
      case DEAL_ENTRY_OUT_BY: entry = "out_by"; break;
     }
   return "{\"ticket\":" + JTicket(ticket)
          + ",\"order\":" + JTicket(HistoryDealGetInteger(ticket, DEAL_ORDER))
          + ",\"positionId\":" + JTicket(HistoryDealGetInteger(ticket, DEAL_POSITION_ID))
          + ",\"symbol\":" + JStr(HistoryDealGetString(ticket, DEAL_SYMBOL))
          + ",\"type\":" + JStr(type) + ",\"entry\":" + JStr(entry)
          + ",\"volume\":" + JNum(HistoryDealGetDouble(ticket, DEAL_VOLUME))
          + ",\"price\":" + JNum(HistoryDealGetDouble(ticket, DEAL_PRICE))
          + ",\"commission\":" + JNum(HistoryDealGetDouble(ticket, DEAL_COMMISSION))
          + ",\"swap\":" + JNum(HistoryDealGetDouble(ticket, DEAL_SWAP))
          + ",\"profit\":" + JNum(HistoryDealGetDouble(ticket, DEAL_PROFIT))
          + ",\"fee\":" + JNum(HistoryDealGetDouble(ticket, DEAL_FEE))
          + ",\"time\":" + IntegerToString(HistoryDealGetInteger(ticket, DEAL_TIME_MSC))
          + ",\"magic\":" + IntegerToString(HistoryDealGetInteger(ticket, DEAL_MAGIC))
          + ",\"comment\":" + JStr(HistoryDealGetString(ticket, DEAL_COMMENT)) + "}";
  }

void CmdRates(const string id)
  {
   ENUM_TIMEFRAMES tf;
   if(!HasArg("symbol") || !HasArg("from") || !HasArg("to")) { ReplyError(id, "bad_request", "rates needs symbol, timeframe, from and to"); return; }
   if(!ToTimeframe(Arg("timeframe", ""), tf)) { ReplyError(id, "bad_request", "unknown timeframe"); return; }
   MqlRates rates[];
   int n = CopyRates(Arg("symbol", ""), tf, ToTime(Arg("from", "0")), ToTime(Arg("to", "0")), rates);
   if(n < 0) { ReplyError(id, "not_found", "no history for " + Arg("symbol", "") + " (error " + IntegerToString(GetLastError()) + ")"); return; }
   string out = "";
   for(int i = 0; i < n && i < MAX_ROWS; i++) out += (i > 0 ? "," : "") + BarJson(rates[i]);
   Reply(id, "{\"bars\":[" + out + "],\"more\":" + JBool(n > MAX_ROWS) + "}");
  }

string BarJson(const MqlRates &bar) { return "{" + BarFields(bar) + "}"; }

string BarFields(const MqlRates &bar)
  {
   return "\"time\":" + Ms(bar.time) + ",\"open\":" + JNum(bar.open) + ",\"high\":" + JNum(bar.high)
          + ",\"low\":" + JNum(bar.low) + ",\"close\":" + JNum(bar.close) + ",\"tickVolume\":" + IntegerToString(bar.tick_volume);
  }

//+------------------------------------------------------------------+
//| Subscriptions and pushes                                         |
//+------------------------------------------------------------------+
void CmdSubscribe(const string id, const bool on)
  {
   string stream = Arg("stream", ""), symbol = Arg("symbol", ""), tfName = Arg("timeframe", "");
   bool custom;
   if(symbol == "" || !SymbolExist(symbol, custom)) { ReplyError(id, "not_found", "no symbol " + symbol); return; }
   if(on) SymbolSelect(symbol, true);   // ticks flow only for Market Watch symbols
   if(stream == "ticks")
     {
      int at = FindTickSub(symbol);
      if(on && at < 0) { int n = ArraySize(g_tickSym); ArrayResize(g_tickSym, n + 1); ArrayResize(g_tickLast, n + 1); g_tickSym[n] = symbol; g_tickLast[n] = 0; }
      if(!on && at >= 0) { ArrayRemove(g_tickSym, at, 1); ArrayRemove(g_tickLast, at, 1); }
     }
   else if(stream == "bars")
     {
      ENUM_TIMEFRAMES tf;
      if(!ToTimeframe(tfName, tf)) { ReplyError(id, "bad_request", "unknown timeframe"); return; }
      int at = FindBarSub(symbol, tfName);
      if(on && at < 0)
        {
         int n = ArraySize(g_barSym);
         ArrayResize(g_barSym, n + 1); ArrayResize(g_barTf, n + 1); ArrayResize(g_barTfName, n + 1); ArrayResize(g_barTime, n + 1); ArrayResize(g_barSeen, n + 1);
         g_barSym[n] = symbol; g_barTf[n] = tf; g_barTfName[n] = tfName; g_barTime[n] = 0; g_barSeen[n] = "";
        }
      if(!on && at >= 0)
        {
         ArrayRemove(g_barSym, at, 1); ArrayRemove(g_barTf, at, 1); ArrayRemove(g_barTfName, at, 1); ArrayRemove(g_barTime, at, 1); ArrayRemove(g_barSeen, at, 1);
        }
     }
   else { ReplyError(id, "bad_request", "stream must be ticks or bars"); return; }
   Reply(id, "{}");
  }

int FindTickSub(const string symbol) { for(int i = 0; i < ArraySize(g_tickSym); i++) if(g_tickSym[i] == symbol) return i; return -1; }
int FindBarSub(const string symbol, const string tf) { for(int i = 0; i < ArraySize(g_barSym); i++) if(g_barSym[i] == symbol && g_barTfName[i] == tf) return i; return -1; }

/** Ticks of every subscribed symbol, not only this chart's: OnTick fires for the chart's symbol alone. */
void PollTicks()
  {
   for(int i = 0; i < ArraySize(g_tickSym); i++)
     {
      MqlTick tick;
      if(!SymbolInfoTick(g_tickSym[i], tick) || tick.time_msc == g_tickLast[i]) continue;
      g_tickLast[i] = tick.time_msc;
      SendLine(PushStart("tick") + ",\"symbol\":" + JStr(g_tickSym[i]) + ",\"time\":" + IntegerToString(tick.time_msc)
               + ",\"bid\":" + JNum(tick.bid) + ",\"ask\":" + JNum(tick.ask) + ",\"last\":" + JNum(tick.last)
               + ",\"volume\":" + JNum(tick.volume_real) + "}");
     }
  }

void PollBars()
  {
   for(int i = 0; i < ArraySize(g_barSym); i++)
     {
      MqlRates r[];
      if(CopyRates(g_barSym[i], g_barTf[i], 0, 2, r) != 2) continue;   // r[0] the previous bar, r[1] the forming one
      if(g_barTime[i] != 0 && r[1].time != g_barTime[i]) PushBar(i, r[0], true);
      if(g_socket == INVALID_HANDLE) return;   // the send failed and the subscriptions are gone
      string seen = BarJson(r[1]);
      if(seen == g_barSeen[i]) continue;
      g_barSeen[i] = seen;
      g_barTime[i] = r[1].time;
      PushBar(i, r[1], false);
     }
  }

void PushBar(const int sub, const MqlRates &bar, const bool closed)
  {
   SendLine(PushStart("bar") + ",\"symbol\":" + JStr(g_barSym[sub]) + ",\"timeframe\":" + JStr(g_barTfName[sub]) + ","
            + BarFields(bar) + ",\"closed\":" + JBool(closed) + "}");
  }

void PushAccountIfChanged()
  {
   string figures = AccountFigures();
   if(figures == g_lastAccount) return;
   g_lastAccount = figures;
   SendLine(PushStart("account") + "," + AccountFigures() + "}");
  }

string PushStart(const string name) { return "{\"push\":" + JStr(name); }

/** Every trade event of the account, the EA's own orders or not (a trader may still click in the terminal). */
void OnTradeTransaction(const MqlTradeTransaction &trans, const MqlTradeRequest &request, const MqlTradeResult &result)
  {
   if(!g_welcomed) return;
   SendLine(PushStart("trade") + ",\"kind\":" + JStr(TransactionName(trans.type))
            + ",\"deal\":" + JTicket(trans.deal) + ",\"order\":" + JTicket(trans.order) + ",\"position\":" + JTicket(trans.position)
            + ",\"symbol\":" + JStr(trans.symbol)
            + ",\"dealType\":" + JStr(trans.deal_type == DEAL_TYPE_BUY ? "buy" : (trans.deal_type == DEAL_TYPE_SELL ? "sell" : "other"))
            + ",\"orderType\":" + JStr(OrderTypeName(trans.order_type))
            + ",\"orderState\":" + JStr(OrderStateName(trans.order_state))
            + ",\"price\":" + JNum(trans.price) + ",\"volume\":" + JNum(trans.volume)
            + ",\"sl\":" + JNum(trans.price_sl) + ",\"tp\":" + JNum(trans.price_tp) + "}");
  }

string TransactionName(const ENUM_TRADE_TRANSACTION_TYPE type)
  {
   switch(type)
     {
      case TRADE_TRANSACTION_ORDER_ADD:      return "order_add";
      case TRADE_TRANSACTION_ORDER_UPDATE:   return "order_update";
      case TRADE_TRANSACTION_ORDER_DELETE:   return "order_delete";
      case TRADE_TRANSACTION_DEAL_ADD:       return "deal_add";
      case TRADE_TRANSACTION_DEAL_UPDATE:    return "deal_update";
      case TRADE_TRANSACTION_DEAL_DELETE:    return "deal_delete";
      case TRADE_TRANSACTION_HISTORY_ADD:    return "history_add";
      case TRADE_TRANSACTION_HISTORY_UPDATE: return "history_update";
      case TRADE_TRANSACTION_HISTORY_DELETE: return "history_delete";
      case TRADE_TRANSACTION_POSITION:       return "position";
     }
   return "request";
  }

string OrderTypeName(const ENUM_ORDER_TYPE type)
  {
   if(type == ORDER_TYPE_BUY) return "buy";
   if(type == ORDER_TYPE_SELL) return "sell";
   return PendingName(type);
  }

string OrderStateName(const ENUM_ORDER_STATE state)
  {
   switch(state)
     {
      case ORDER_STATE_PLACED:         return "placed";
      case ORDER_STATE_CANCELED:       return "canceled";
      case ORDER_STATE_PARTIAL:        return "partial";
      case ORDER_STATE_FILLED:         return "filled";
      case ORDER_STATE_REJECTED:       return "rejected";
      case ORDER_STATE_EXPIRED:        return "expired";
      case ORDER_STATE_REQUEST_ADD:    return "request_add";
      case ORDER_STATE_REQUEST_MODIFY: return "request_modify";
      case ORDER_STATE_REQUEST_CANCEL: return "request_cancel";
     }
   return "started";
  }

//+------------------------------------------------------------------+
//| Trading                                                          |
//+------------------------------------------------------------------+
void CmdOrderSend(const string id)
  {
   string cid = Arg("cid", ""), symbol = Arg("symbol", ""), side = Arg("side", ""), kind = Arg("orderType", "");
   double volume = ArgNum("volume", 0);
   if(!ValidCid(cid) || (side != "buy" && side != "sell") || volume <= 0) { ReplyError(id, "bad_request", "order_send needs cid, side and a positive volume"); return; }
   bool custom;
   if(!SymbolExist(symbol, custom)) { ReplyError(id, "not_found", "no symbol " + symbol); return; }
   bool buy = side == "buy";
   MqlTradeRequest req;
   ZeroMemory(req);
   req.symbol = symbol;
   req.volume = volume;
   req.sl = ArgNum("sl", 0);
   req.tp = ArgNum("tp", 0);
   req.type_time = ORDER_TIME_GTC;
   if(kind == "market")
     {
      req.action = TRADE_ACTION_DEAL;
      req.type = buy ? ORDER_TYPE_BUY : ORDER_TYPE_SELL;
      req.price = SymbolInfoDouble(symbol, buy ? SYMBOL_ASK : SYMBOL_BID);
      req.deviation = (ulong)ArgNum("deviation", 10);
     }
   else if(kind == "limit" || kind == "stop" || kind == "stop_limit")
     {
      if(!HasArg("price")) { ReplyError(id, "bad_request", "a pending order needs price"); return; }
      req.action = TRADE_ACTION_PENDING;
      req.price = ArgNum("price", 0);
      if(kind == "limit") req.type = buy ? ORDER_TYPE_BUY_LIMIT : ORDER_TYPE_SELL_LIMIT;
      if(kind == "stop")  req.type = buy ? ORDER_TYPE_BUY_STOP : ORDER_TYPE_SELL_STOP;
      if(kind == "stop_limit")
        {
         if(!HasArg("stopLimit")) { ReplyError(id, "bad_request", "a stop-limit order needs stopLimit"); return; }
         req.type = buy ? ORDER_TYPE_BUY_STOP_LIMIT : ORDER_TYPE_SELL_STOP_LIMIT;
         req.stoplimit = ArgNum("stopLimit", 0);
        }
     }
   else { ReplyError(id, "bad_request", "orderType must be market, limit, stop or stop_limit"); return; }
   req.type_filling = Filling(symbol, Arg("filling", ""));
   SendTracked(id, cid, req);
  }

void CmdClose(const string id)
  {
   string cid = Arg("cid", "");
   ulong ticket = (ulong)StringToInteger(Arg("ticket", "0"));
   if(!ValidCid(cid)) { ReplyError(id, "bad_request", "close needs a cid"); return; }
   // A replayed close must not look for a position that its first run already closed.
   if(MapIndex(cid) < 0 && !PositionSelectByTicket(ticket)) { ReplyError(id, "not_found", "no open position " + Arg("ticket", "")); return; }
   MqlTradeRequest req;
   ZeroMemory(req);
   if(MapIndex(cid) < 0)
     {
      string symbol = PositionGetString(POSITION_SYMBOL);
      bool wasBuy = PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY;
      req.action = TRADE_ACTION_DEAL;
      req.position = ticket;
      req.symbol = symbol;
      req.volume = HasArg("volume") ? ArgNum("volume", 0) : PositionGetDouble(POSITION_VOLUME);
      req.type = wasBuy ? ORDER_TYPE_SELL : ORDER_TYPE_BUY;
      req.price = SymbolInfoDouble(symbol, wasBuy ? SYMBOL_BID : SYMBOL_ASK);
      req.deviation = (ulong)ArgNum("deviation", 10);
      req.type_filling = Filling(symbol, "");
     }
   SendTracked(id, cid, req);
  }

/**
 * The never-twice rule: a cid with a recorded result is answered from the map; a cid caught mid-send by a restart
 * is in doubt; only a new cid reaches OrderSend, recorded as "sending" (flushed) before it goes.
 */
void SendTracked(const string id, const string cid, MqlTradeRequest &req)
  {
   int at = MapIndex(cid);
   if(at >= 0 && g_mapState[at] == "done") { Reply(id, "{" + g_mapBody[at] + ",\"replayed\":true}"); return; }
   if(at >= 0) { ReplyError(id, "in_doubt", "this cid was sent before the EA restarted and its outcome is not recorded: use find"); return; }
   req.magic = InpMagic;
   req.comment = "tbs:" + cid;
   MapRecord(cid, "sending", "");
   MqlTradeResult res;
   ZeroMemory(res);
   ResetLastError();
   bool sent = OrderSend(req, res);
   string message = res.comment;
   if(!sent && res.retcode == 0) message = "OrderSend failed with error " + IntegerToString(GetLastError());
   string body = "\"cid\":" + JStr(cid) + ",\"retcode\":" + IntegerToString(res.retcode) + ",\"message\":" + JStr(message)
                 + ",\"order\":" + JTicket(res.order) + ",\"deal\":" + JTicket(res.deal) + ",\"volume\":" + JNum(res.volume)
                 + ",\"price\":" + JNum(res.price) + ",\"bid\":" + JNum(res.bid) + ",\"ask\":" + JNum(res.ask);
   MapRecord(cid, "done", body);
   Reply(id, "{" + body + ",\"replayed\":false}");
  }

void CmdModify(const string id)
  {
   ulong ticket = (ulong)StringToInteger(Arg("ticket", "0"));
   MqlTradeRequest req;
   ZeroMemory(req);
   if(Arg("target", "") == "position")
     {
      if(!PositionSelectByTicket(ticket)) { ReplyError(id, "not_found", "no open position " + Arg("ticket", "")); return; }
      req.action = TRADE_ACTION_SLTP;
      req.position = ticket;
      req.symbol = PositionGetString(POSITION_SYMBOL);
      req.sl = ArgNum("sl", PositionGetDouble(POSITION_SL));
      req.tp = ArgNum("tp", PositionGetDouble(POSITION_TP));
     }
   else if(Arg("target", "") == "order")
     {
      if(!OrderSelect(ticket)) { ReplyError(id, "not_found", "no pending order " + Arg("ticket", "")); return; }
      req.action = TRADE_ACTION_MODIFY;
      req.order = ticket;
      req.symbol = OrderGetString(ORDER_SYMBOL);
      req.price = ArgNum("price", OrderGetDouble(ORDER_PRICE_OPEN));
      req.stoplimit = ArgNum("stopLimit", OrderGetDouble(ORDER_PRICE_STOPLIMIT));
      req.sl = ArgNum("sl", OrderGetDouble(ORDER_SL));
      req.tp = ArgNum("tp", OrderGetDouble(ORDER_TP));
      req.type_time = (ENUM_ORDER_TYPE_TIME)OrderGetInteger(ORDER_TYPE_TIME);
      req.expiration = (datetime)OrderGetInteger(ORDER_TIME_EXPIRATION);
     }
   else { ReplyError(id, "bad_request", "target must be position or order"); return; }
   SendPlain(id, req);
  }

void CmdCancel(const string id)
  {
   ulong ticket = (ulong)StringToInteger(Arg("ticket", "0"));
   if(!OrderSelect(ticket)) { ReplyError(id, "not_found", "no pending order " + Arg("ticket", "")); return; }
   MqlTradeRequest req;
   ZeroMemory(req);
   req.action = TRADE_ACTION_REMOVE;
   req.order = ticket;
   SendPlain(id, req);
  }

/** Modify and cancel change nothing when repeated, so they need no map entry. */
void SendPlain(const string id, MqlTradeRequest &req)
  {
   MqlTradeResult res;
   ZeroMemory(res);
   ResetLastError();
   bool sent = OrderSend(req, res);
   string message = res.comment;
   if(!sent && res.retcode == 0) message = "OrderSend failed with error " + IntegerToString(GetLastError());
   Reply(id, "{\"retcode\":" + IntegerToString(res.retcode) + ",\"message\":" + JStr(message) + "}");
  }

void CmdFind(const string id)
  {
   string cid = Arg("cid", "");
   if(!ValidCid(cid)) { ReplyError(id, "bad_request", "find needs a cid"); return; }
   string comment = "tbs:" + cid, state = "unknown", result = "null";
   ulong recordedOrder = 0;
   int at = MapIndex(cid);
   if(at >= 0 && g_mapState[at] == "done")
     {
      state = "done";
      result = "{" + g_mapBody[at] + ",\"replayed\":true}";
      recordedOrder = (ulong)StringToInteger(BodyField(g_mapBody[at], "order"));
     }
   else if(at >= 0) state = "in_doubt";
   string orders = "", positions = "", deals = "";
   for(int i = OrdersTotal() - 1; i >= 0; i--)
     {
      ulong t = OrderGetTicket(i);
      if(t == 0 || PendingName(OrderGetInteger(ORDER_TYPE)) == "") continue;
      if(OrderGetString(ORDER_COMMENT) == comment || (recordedOrder != 0 && t == recordedOrder)) orders += (orders == "" ? "" : ",") + OrderJson();
     }
   for(int i = PositionsTotal() - 1; i >= 0; i--)
     {
      if(PositionGetTicket(i) == 0) continue;
      // A position's identifier is the ticket of the order that opened it.
      if(PositionGetString(POSITION_COMMENT) == comment || (recordedOrder != 0 && (ulong)PositionGetInteger(POSITION_IDENTIFIER) == recordedOrder))
         positions += (positions == "" ? "" : ",") + PositionJson();
     }
   // Brokers may rewrite comments: the recorded order ticket finds the deals too.
   if(HistorySelect(TimeCurrent() - 90 * 86400, TimeCurrent() + 86400))
      for(int i = 0; i < HistoryDealsTotal(); i++)
        {
         ulong t = HistoryDealGetTicket(i);
         if(t == 0) continue;
         if(HistoryDealGetString(t, DEAL_COMMENT) == comment || (recordedOrder != 0 && (ulong)HistoryDealGetInteger(t, DEAL_ORDER) == recordedOrder))
            deals += (deals == "" ? "" : ",") + DealJson(t);
        }
   // A comment found on the terminal proves the order was sent even if the map lost it.
   if(state == "unknown" && (orders != "" || positions != "" || deals != "")) state = "in_doubt";
   Reply(id, "{\"cid\":" + JStr(cid) + ",\"state\":" + JStr(state) + ",\"result\":" + result
         + ",\"orders\":[" + orders + "],\"positions\":[" + positions + "],\"deals\":[" + deals + "]}");
  }

ENUM_ORDER_TYPE_FILLING Filling(const string symbol, const string wanted)
  {
   if(wanted == "fok") return ORDER_FILLING_FOK;
   if(wanted == "ioc") return ORDER_FILLING_IOC;
   if(wanted == "return") return ORDER_FILLING_RETURN;
   long allowed = SymbolInfoInteger(symbol, SYMBOL_FILLING_MODE);
   if((allowed & SYMBOL_FILLING_FOK) != 0) return ORDER_FILLING_FOK;
   if((allowed & SYMBOL_FILLING_IOC) != 0) return ORDER_FILLING_IOC;
   return ORDER_FILLING_RETURN;
  }

bool ValidCid(const string cid)
  {
   int n = StringLen(cid);
   if(n < 1 || n > 27) return false;   // "tbs:" + cid fits the 31 characters of an order comment
   for(int i = 0; i < n; i++)
     {
      ushort c = StringGetCharacter(cid, i);
      if(!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-')) return false;
     }
   return true;
  }

//+------------------------------------------------------------------+
//| The client-order-id map: MQL5/Files/TradingAppBridge/<login>.cids |
//| One line per change: cid TAB state TAB result fields.            |
//+------------------------------------------------------------------+
string MapPath() { return "TradingAppBridge\\" + IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)) + ".cids"; }

void MapLoad()
  {
   int h = FileOpen(MapPath(), FILE_READ | FILE_TXT | FILE_ANSI | FILE_SHARE_READ);
   if(h != INVALID_HANDLE)
     {
      while(!FileIsEnding(h))
        {
         string parts[];
         if(StringSplit(FileReadString(h), '\t', parts) < 2) continue;
         MapSet(parts[0], parts[1], ArraySize(parts) > 2 ? parts[2] : "");
        }
      FileClose(h);
     }
   // Keep the newest entries only, rewriting the file so that it stays small.
   int n = ArraySize(g_mapCid);
   int drop = MathMax(0, n - MAP_KEEP);
   if(drop > 0) { ArrayRemove(g_mapCid, 0, drop); ArrayRemove(g_mapState, 0, drop); ArrayRemove(g_mapBody, 0, drop); }
   // The compacted map goes to a new file first and replaces the old one in one move: a crash half-way through the
   // rewrite leaves the old map whole, never a truncated one that would forget which orders were sent.
   FolderCreate("TradingAppBridge");
   string fresh = MapPath() + ".new";
   int w = FileOpen(fresh, FILE_WRITE | FILE_TXT | FILE_ANSI);
   if(w == INVALID_HANDLE) { Alert("TradingAppBridge: cannot write ", fresh, ": orders cannot be protected against duplicates."); return; }
   for(int i = 0; i < ArraySize(g_mapCid); i++) FileWriteString(w, g_mapCid[i] + "\t" + g_mapState[i] + "\t" + g_mapBody[i] + "\n");
   FileFlush(w);
   FileClose(w);
   if(!FileMove(fresh, 0, MapPath(), FILE_REWRITE)) { Alert("TradingAppBridge: cannot replace ", MapPath(), " (error ", GetLastError(), ")."); }
   // Opened for reading and writing, which keeps its content; new records go at the end.
   g_mapFile = FileOpen(MapPath(), FILE_READ | FILE_WRITE | FILE_TXT | FILE_ANSI | FILE_SHARE_READ);
   if(g_mapFile == INVALID_HANDLE) { Alert("TradingAppBridge: cannot write ", MapPath(), ": orders cannot be protected against duplicates."); return; }
   FileSeek(g_mapFile, 0, SEEK_END);
  }

int MapIndex(const string cid) { for(int i = ArraySize(g_mapCid) - 1; i >= 0; i--) if(g_mapCid[i] == cid) return i; return -1; }

void MapSet(const string cid, const string state, const string body)
  {
   int at = MapIndex(cid);
   if(at < 0) { at = ArraySize(g_mapCid); ArrayResize(g_mapCid, at + 1); ArrayResize(g_mapState, at + 1); ArrayResize(g_mapBody, at + 1); }
   g_mapCid[at] = cid; g_mapState[at] = state; g_mapBody[at] = body;
  }

/** Written and flushed before OrderSend ("sending") and after it ("done"): a crash between the two leaves "in doubt". */
void MapRecord(const string cid, const string state, const string body)
  {
   MapSet(cid, state, body);
   if(g_mapFile == INVALID_HANDLE) return;
   FileWriteString(g_mapFile, cid + "\t" + state + "\t" + body + "\n");
   FileFlush(g_mapFile);
  }

/** A string field of a stored result body ("order":"123"). */
string BodyField(const string body, const string key)
  {
   string marker = "\"" + key + "\":\"";
   int at = StringFind(body, marker);
   if(at < 0) return "";
   int from = at + StringLen(marker);
   int to = StringFind(body, "\"", from);
   return to < 0 ? "" : StringSubstr(body, from, to - from);
  }

//+------------------------------------------------------------------+
//| A small JSON reader for the app's flat requests. Nested values   |
//| (in the app's error replies) are kept as raw text.               |
//+------------------------------------------------------------------+
bool ParseObject(const string s)
  {
   ArrayResize(g_keys, 0); ArrayResize(g_vals, 0); ArrayResize(g_isStr, 0);
   int n = StringLen(s), i = SkipSpace(s, 0);
   if(i >= n || StringGetCharacter(s, i) != '{') return false;
   i = SkipSpace(s, i + 1);
   if(i < n && StringGetCharacter(s, i) == '}') return SkipSpace(s, i + 1) == n;
   while(i < n)
     {
      string key, value;
      bool isStr;
      if(StringGetCharacter(s, i) != '"' || !ReadString(s, i, key)) return false;
      i = SkipSpace(s, i);
      if(i >= n || StringGetCharacter(s, i) != ':') return false;
      i = SkipSpace(s, i + 1);
      if(i >= n) return false;
      isStr = StringGetCharacter(s, i) == '"';
      if(isStr) { if(!ReadString(s, i, value)) return false; }
      else if(!ReadRaw(s, i, value)) return false;
      int k = ArraySize(g_keys);
      ArrayResize(g_keys, k + 1); ArrayResize(g_vals, k + 1); ArrayResize(g_isStr, k + 1);
      g_keys[k] = key; g_vals[k] = value; g_isStr[k] = isStr;
      i = SkipSpace(s, i);
      if(i >= n) return false;
      ushort c = StringGetCharacter(s, i);
      if(c == '}') return SkipSpace(s, i + 1) == n;
      if(c != ',') return false;
      i = SkipSpace(s, i + 1);
     }
   return false;
  }

int SkipSpace(const string s, int i)
  {
   int n = StringLen(s);
   while(i < n) { ushort c = StringGetCharacter(s, i); if(c != ' ' && c != '\t' && c != '\r' && c != '\n') break; i++; }
   return i;
  }

/** Reads the string starting at s[i] == '"', unescaping; leaves i after the closing quote. */
bool ReadString(const string s, int &i, string &out)
  {
   int n = StringLen(s);
   out = "";
   for(i = i + 1; i < n; i++)
     {
      ushort c = StringGetCharacter(s, i);
      if(c == '"') { i++; return true; }
      if(c != '\\') { out += ShortToString(c); continue; }
      if(++i >= n) return false;
      c = StringGetCharacter(s, i);
      if(c == 'n') out += "\n"; else if(c == 't') out += "\t"; else if(c == 'r') out += "\r";
      else if(c == 'b') out += ShortToString(8); else if(c == 'f') out += ShortToString(12);
      else if(c == 'u')
        {
         if(i + 4 >= n) return false;
         out += ShortToString(HexValue(StringSubstr(s, i + 1, 4)));
         i += 4;
        }
      else out += ShortToString(c);   // \" \\ \/
     }
   return false;
  }

ushort HexValue(const string hex)
  {
   ushort v = 0;
   for(int k = 0; k < StringLen(hex); k++)
     {
      ushort c = StringGetCharacter(hex, k);
      int d = (c >= '0' && c <= '9') ? c - '0' : ((c >= 'a' && c <= 'f') ? c - 'a' + 10 : ((c >= 'A' && c <= 'F') ? c - 'A' + 10 : 0));
      v = (ushort)(v * 16 + d);
     }
   return v;
  }

/** A number, literal or nested value as raw text, up to the comma or brace that ends it. */
bool ReadRaw(const string s, int &i, string &out)
  {
   int n = StringLen(s), depth = 0, start = i;
   bool inStr = false;
   for(; i < n; i++)
     {
      ushort c = StringGetCharacter(s, i);
      if(inStr) { if(c == '\\') i++; else if(c == '"') inStr = false; continue; }
      if(c == '"') inStr = true;
      else if(c == '{' || c == '[') depth++;
      else if(c == '}' || c == ']') { if(depth == 0) break; depth--; }
      else if(c == ',' && depth == 0) break;
     }
   if(depth != 0 || inStr) return false;
   out = StringSubstr(s, start, i - start);
   StringTrimRight(out);
   return StringLen(out) > 0;
  }

bool   HasArg(const string key) { for(int i = 0; i < ArraySize(g_keys); i++) if(g_keys[i] == key) return true; return false; }
string Arg(const string key, const string fallback) { for(int i = 0; i < ArraySize(g_keys); i++) if(g_keys[i] == key) return g_vals[i]; return fallback; }
double ArgNum(const string key, const double fallback) { return HasArg(key) ? StringToDouble(Arg(key, "0")) : fallback; }

//+------------------------------------------------------------------+
//| JSON writing and conversions                                     |
//+------------------------------------------------------------------+
string JStr(const string s)
  {
   string out = "\"";
   for(int i = 0; i < StringLen(s); i++)
     {
      ushort c = StringGetCharacter(s, i);
      if(c == '"') out += "\\\"";
      else if(c == '\\') out += "\\\\";
      else if(c == '\n') out += "\\n";
      else if(c < 0x20) out += StringFormat("\\u%04x", c);
      else out += ShortToString(c);
     }
   return out + "\"";
  }

string JNum(const double v)
  {
   if(!MathIsValidNumber(v)) return "0";
   string s = DoubleToString(v, 8);
   // Trim trailing zeros so that 1.08201000 reads 1.08201 (and 100.00000000 reads 100).
   int n = StringLen(s);
   while(n > 1 && StringGetCharacter(s, n - 1) == '0') n--;
   if(StringGetCharacter(s, n - 1) == '.') n--;
   return StringSubstr(s, 0, n);
  }

string JBool(const bool b) { return b ? "true" : "false"; }
string JTicket(const ulong t) { return "\"" + IntegerToString((long)t) + "\""; }
string JTicket(const long t) { return "\"" + IntegerToString(t) + "\""; }
string Ms(const datetime t) { return IntegerToString((long)t * 1000); }
string ServerOffsetMs() { return IntegerToString(((long)TimeTradeServer() - (long)TimeGMT()) * 1000); }
datetime ToTime(const string ms) { return (datetime)(StringToInteger(ms) / 1000); }

bool ToTimeframe(const string name, ENUM_TIMEFRAMES &tf)
  {
   if(name == "M1")  { tf = PERIOD_M1;  return true; }
   if(name == "M5")  { tf = PERIOD_M5;  return true; }
   if(name == "M15") { tf = PERIOD_M15; return true; }
   if(name == "M30") { tf = PERIOD_M30; return true; }
   if(name == "H1")  { tf = PERIOD_H1;  return true; }
   if(name == "H4")  { tf = PERIOD_H4;  return true; }
   if(name == "D1")  { tf = PERIOD_D1;  return true; }
   if(name == "W1")  { tf = PERIOD_W1;  return true; }
   if(name == "MN1") { tf = PERIOD_MN1; return true; }
   return false;
  }
//+------------------------------------------------------------------+
