<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pt_BR" sourcelanguage="pt_BR">
  <context>
    <name>CustomerDisplay</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/customer_display.py" line="193" />
      <source>%n ponto(s)</source>
      <translation>
        <numerusform>%n ponto</numerusform>
        <numerusform>%n pontos</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CustomersScreen</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/customers/screen.py" line="366" />
      <source>%n ponto(s) (%1)</source>
      <translation>
        <numerusform>%n ponto (%1)</numerusform>
        <numerusform>%n pontos (%1)</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DashboardScreen</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/dashboard/screen.py" line="192" />
      <source>Hoje: %n venda(s), %1</source>
      <translation>
        <numerusform>Hoje: %n venda, %1</numerusform>
        <numerusform>Hoje: %n vendas, %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>FiscalKeeper</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/fiscal_keeper.py" line="76" />
      <source>NFC-e: %n nota(s) em contingência autorizada(s)</source>
      <translation>
        <numerusform>NFC-e: %n nota em contingência autorizada</numerusform>
        <numerusform>NFC-e: %n notas em contingência autorizadas</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/fiscal_keeper.py" line="82" />
      <source>NFC-e: %n venda(s) sem nota por dado inválido; veja Gerência &gt; Fiscal</source>
      <translation>
        <numerusform>NFC-e: %n venda sem nota por dado inválido; veja Gerência &gt; Fiscal</numerusform>
        <numerusform>NFC-e: %n vendas sem nota por dado inválido; veja Gerência &gt; Fiscal</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/fiscal_keeper.py" line="98" />
      <source>NFS-e: %n nota(s) autorizada(s)</source>
      <translation>
        <numerusform>NFS-e: %n nota autorizada</numerusform>
        <numerusform>NFS-e: %n notas autorizadas</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ParkedDialog</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/parked_dialog.py" line="45" />
      <source>%n item(ns)</source>
      <translation>
        <numerusform>%n item</numerusform>
        <numerusform>%n itens</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PaymentDialog</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="541" />
      <source>%n ponto(s)</source>
      <translation>
        <numerusform>%n ponto</numerusform>
        <numerusform>%n pontos</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PrinterPage</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/first_run/wizard.py" line="224" />
      <source>%n impressora(s) do Windows encontrada(s).</source>
      <translation>
        <numerusform>%n impressora do Windows encontrada.</numerusform>
        <numerusform>%n impressoras do Windows encontradas.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/first_run/wizard.py" line="229" />
      <source>%n impressora(s) USB encontrada(s).</source>
      <translation>
        <numerusform>%n impressora USB encontrada.</numerusform>
        <numerusform>%n impressoras USB encontradas.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SaleScreen</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/screen.py" line="783" />
      <source>%n resultado(s) para “%1”: escolha com ↓ e Enter.</source>
      <translation>
        <numerusform>%n resultado para “%1”: escolha com ↓ e Enter.</numerusform>
        <numerusform>%n resultados para “%1”: escolha com ↓ e Enter.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/screen.py" line="1068" />
      <location filename="../../posapp/ui/sale/screen.py" line="1082" />
      <source>%n ponto(s)</source>
      <translation>
        <numerusform>%n ponto</numerusform>
        <numerusform>%n pontos</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SalesScreen</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/sales/screen.py" line="367" />
      <source>%n venda(s)</source>
      <translation>
        <numerusform>%n venda</numerusform>
        <numerusform>%n vendas</numerusform>
      </translation>
    </message>
  </context>
</TS>