<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pt_BR" sourcelanguage="pt_BR">
  <context>
    <name>FiscalKeeper</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/fiscal_keeper.py" line="62" />
      <source>NFC-e: %n nota(s) em contingência autorizada(s)</source>
      <translation>
        <numerusform>NFC-e: %n nota em contingência autorizada</numerusform>
        <numerusform>NFC-e: %n notas em contingência autorizadas</numerusform>
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
      <location filename="../../posapp/ui/sale/screen.py" line="679" />
      <source>%n resultado(s) para “%1”: escolha com ↓ e Enter.</source>
      <translation>
        <numerusform>%n resultado para “%1”: escolha com ↓ e Enter.</numerusform>
        <numerusform>%n resultados para “%1”: escolha com ↓ e Enter.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SalesScreen</name>
    <message numerus="yes">
      <location filename="../../posapp/ui/sales/screen.py" line="336" />
      <source>%n venda(s)</source>
      <translation>
        <numerusform>%n venda</numerusform>
        <numerusform>%n vendas</numerusform>
      </translation>
    </message>
  </context>
</TS>